import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import { signedFetch } from './signed.ts';

/** An import's answer as the API gives it. */
export interface ImportAnswer {
  readonly status: string;
  readonly next?: { chunk: number };
  readonly again?: boolean;
  readonly carry?: string;
  readonly outcomes: Record<string, Record<string, number>>;
  readonly problems: { line: number; reason: string }[];
  readonly [k: string]: unknown;
}

/** POSTs one chunk of `file` (the file cut in `size`-byte chunks). */
export async function postChunk(
  stack: LocalStack,
  file: Buffer,
  index: number,
  o: { size?: number; name?: string; options?: Record<string, unknown>; carry?: string } = {},
): Promise<{ status: number; body: ImportAnswer }> {
  const size = o.size ?? 1024 * 1024;
  const count = Math.max(1, Math.ceil(file.length / size));
  const body = JSON.stringify({
    file: { name: o.name ?? 'list.csv', sha256: createHash('sha256').update(file).digest('hex'), size: file.length },
    ...(o.options ? { options: o.options } : {}),
    chunk: { index, count, data: file.subarray(index * size, (index + 1) * size).toString('base64') },
    ...(o.carry ? { carry: o.carry } : {}),
  });
  const res = await signedFetch(stack, 'POST', '/admin/subscribers/imports', { body, contentType: 'application/json' });
  return { status: res.status, body: (await res.json()) as ImportAnswer };
}

/** Uploads `file` chunk by chunk as the answers ask (`next`), until done; answers the last answer. */
export async function upload(
  stack: LocalStack,
  file: Buffer,
  o: { size?: number; name?: string; options?: Record<string, unknown> } = {},
): Promise<ImportAnswer> {
  let index = 0;
  let carry: string | undefined;
  for (let requests = 0; requests < 1000; requests++) {
    const { status, body } = await postChunk(stack, file, index, { ...o, ...(carry ? { carry } : {}) });
    expect([200, 202], JSON.stringify(body)).toContain(status);
    if (body.status === 'done') return body;
    index = body.next?.chunk as number;
    carry = body.carry;
  }
  throw new Error('the import did not finish');
}
