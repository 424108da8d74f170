import { expect } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import { inbox, tableSnapshot } from './local.ts';
import { signedFetch } from './signed.ts';

/** One bad request to the editors' API and the answer it must get. */
export interface BadRequest {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly body?: string;
  readonly type?: string;
  readonly accept?: string;
  readonly status: number;
  readonly code?: string;
}

/** Sends a correctly signed bad request; expects its status, the contract's error body, nothing written or sent. */
export async function expectRefused(stack: LocalStack, c: BadRequest): Promise<void> {
  const before = await tableSnapshot(stack);
  const mails = (await inbox(stack)).length;
  const res = await signedFetch(stack, c.method, c.path, {
    ...(c.body === undefined ? {} : { body: c.body }),
    ...(c.type ? { contentType: c.type } : {}),
    ...(c.accept ? { accept: c.accept } : {}),
  });
  expect(res.status).toBe(c.status);
  const body = (await res.json()) as { error?: { code: string; message: string } };
  if (c.code) {
    expect(body.error?.code).toBe(c.code);
    expect(body.error?.message).toMatch(/\S/);
  }
  expect(await tableSnapshot(stack)).toBe(before);
  expect((await inbox(stack)).length).toBe(mails);
}
