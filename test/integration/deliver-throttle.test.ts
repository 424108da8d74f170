import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSendContext } from '../../functions/wiring/send.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { useStoppedClock } from '../support/clock.ts';
import { startFakeSqs } from '../support/fake-sqs.ts';
import { inbox, useLocalStack } from '../support/local.ts';
import { readers, seedReaders } from '../support/seed.ts';
import { type Fault, type FaultProxy, startFaultProxy } from '../support/ses-fault-proxy.ts';

type Handler = (e: unknown, c: Context) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

// The clock moves only when a test says so: a 2-second claim timeout cannot run out between two steps by itself.
const clock = useStoppedClock();
const stack = useLocalStack({ DELIVER_CLAIM_TIMEOUT_SECONDS: '2' });
let fault: Fault = 'pass';
let proxy: FaultProxy;
let sqs: Awaited<ReturnType<typeof startFakeSqs>>;
let handler: Handler;
let ids: string[];

function event(edition: string): unknown {
  const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'events', 'sqs', 'deliver-batch.json'), 'utf8');
  const parsed = JSON.parse(text.replace('{{EDITION}}', edition)) as { Records: { body: string }[] };
  const [first] = parsed.Records;
  if (first) first.body = JSON.stringify({ edition, language: 'be', ids });
  return { Records: [first] };
}

beforeAll(async () => {
  const ctx = await createSendContext(stack.current.env);
  expect((await cli(stack.current.env, 'import', fixtureEdition('2026-W43'))).code).toBe(0);
  // Dispatch renders the edition (nobody to mail yet); the readers arrive afterwards and come by queue message.
  expect((await cli(stack.current.env, 'send', '--edition', '2026-W43', '--yes')).code).toBe(0);
  ids = (await seedReaders(ctx, readers('throttled', 3, 'confirmed', ['be']))).map((s) => s.id);
  proxy = await startFaultProxy(stack.current.sesUrl, () => fault);
  sqs = await startFakeSqs();
  // The handler module builds its clients at import, from the SDK's standard variables, like a cold start.
  process.env.AWS_ENDPOINT_URL_SESV2 = proxy.endpoint;
  process.env.AWS_ENDPOINT_URL_SQS = sqs.endpoint;
  process.env.QUEUE_URL = sqs.queueUrl;
  ({ handler } = (await import('../../functions/handlers/deliver.ts')) as unknown as { handler: Handler });
});

afterAll(async () => {
  await proxy?.close();
  await sqs?.close();
});

describe('the deliver Lambda handler under SES throttling and account errors', () => {
  it.each<[Fault, string]>([
    ['throttle', 'throttling'],
    ['blocked', 'sending paused for the account'],
  ])('puts the batch back as a new, delayed message on %s (%s), sending nothing', async (kind) => {
    fault = kind;
    const before = sqs.messages.length;
    const result = await handler(event('2026-W43'), { getRemainingTimeInMillis: () => 60_000 } as Context);
    // The message itself is done: a new one waits out the back-off with a receive count of its own.
    expect(result.batchItemFailures).toEqual([]);
    expect(sqs.messages.length).toBe(before + 1);
    const put = sqs.messages.at(-1);
    expect(JSON.parse(put?.body ?? '{}')).toMatchObject({ edition: '2026-W43', language: 'be', ids, deferrals: 1 });
    expect(put?.delaySeconds).toBeGreaterThanOrEqual(1);
    expect(put?.delaySeconds).toBeLessThanOrEqual(900);
    expect(await inbox(stack.current, 'throttled0@example.org')).toHaveLength(0);
    const report = JSON.parse((await cli(stack.current.env, 'status', '--edition', '2026-W43', '--json')).out);
    expect(report.languages.be).toMatchObject({ failed: 0, pending: 1 });
  });

  it('sends every reader once when the batch comes back and SES accepts again', async () => {
    fault = 'pass';
    const result = await handler(event('2026-W43'), { getRemainingTimeInMillis: () => 60_000 } as Context);
    expect(result.batchItemFailures).toEqual([]);
    for (let i = 0; i < 3; i++) expect(await inbox(stack.current, `throttled${i}@example.org`)).toHaveLength(1);
    const report = JSON.parse((await cli(stack.current.env, 'status', '--edition', '2026-W43', '--json')).out);
    expect(report.languages.be).toMatchObject({ sent: 3, failed: 0, pending: 0 });
  });

  it('claims nobody while the digest of the edition is not readable yet, so no reader is skipped for it', async () => {
    const before = sqs.messages.length;
    const result = await handler(event('2026-W39'), { getRemainingTimeInMillis: () => 60_000 } as Context);
    expect(result.batchItemFailures).toEqual([]);
    expect(JSON.parse(sqs.messages.at(-1)?.body ?? '{}')).toMatchObject({ edition: '2026-W39', ids, deferrals: 1 });
    expect(sqs.messages.length).toBe(before + 1);
    const ctx = await createSendContext(stack.current.env);
    expect(await ctx.deliveries.list('2026-W39')).toEqual([]);
  });

  it('stops claiming when the invocation is about to run out of time, and puts the rest back at once', async () => {
    const more = await seedReaders(await createSendContext(stack.current.env), readers('late', 2, 'confirmed', ['be']));
    ids = more.map((s) => s.id);
    const result = await handler(event('2026-W43'), { getRemainingTimeInMillis: () => 1_000 } as Context);
    expect(result.batchItemFailures).toEqual([]);
    expect(sqs.messages.at(-1)?.delaySeconds).toBe(1);
    expect(JSON.parse(sqs.messages.at(-1)?.body ?? '{}')).toMatchObject({ ids });
    expect(await inbox(stack.current, 'late0@example.org')).toHaveLength(0);
  });

  it('comes back once after the claim timeout for a reader another consumer held and left, and mails them', async () => {
    const ctx = await createSendContext(stack.current.env);
    const [left] = await seedReaders(ctx, readers('held', 1, 'confirmed', ['be']));
    ids = [left?.id as string];
    // Another consumer claimed this reader and vanished; its own message is gone (dead-lettered).
    await ctx.deliveries.claim('2026-W43', ids[0] as string, 'be', Date.now(), 0);
    const result = await handler(event('2026-W43'), { getRemainingTimeInMillis: () => 60_000 } as Context);
    expect(result.batchItemFailures).toEqual([]);
    const recheck = sqs.messages.at(-1);
    expect(JSON.parse(recheck?.body ?? '{}')).toEqual({ edition: '2026-W43', language: 'be', ids, recheck: true });
    // Past the claim timeout (here 2 seconds): the re-check takes the abandoned claim over and sends once.
    expect(recheck?.delaySeconds).toBeGreaterThan(2);
    clock.advance((recheck?.delaySeconds as number) * 1000);
    const again = event('2026-W43') as { Records: { body: string }[] };
    (again.Records[0] as { body: string }).body = recheck?.body as string;
    const count = sqs.messages.length;
    expect((await handler(again, { getRemainingTimeInMillis: () => 60_000 } as Context)).batchItemFailures).toEqual([]);
    expect(await inbox(stack.current, 'held0@example.org')).toHaveLength(1);
    expect(sqs.messages.length).toBe(count);
  });
});
