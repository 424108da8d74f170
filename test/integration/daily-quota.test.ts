import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqsQueue } from '../../functions/adapters/sqs/queue.ts';
import { dispatch } from '../../functions/app/dispatch.ts';
import { createSendContext, dispatchDeps } from '../../functions/wiring/send.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { useStoppedClock } from '../support/clock.ts';
import { startFakeSqs } from '../support/fake-sqs.ts';
import { inbox, useLocalStack } from '../support/local.ts';
import { readers, seedReaders } from '../support/seed.ts';
import { reportTotals } from '../support/send-behind-faults.ts';
import { type FaultProxy, startFaultProxy } from '../support/ses-fault-proxy.ts';

type Handler = (e: unknown, c: Context) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

// Every function reads the time through Date.now: the clock moves only when the queue has nothing to give now.
const clock = useStoppedClock();
const stack = useLocalStack();
const EDITION = '2026-W40';
const EDITOR = 'quota-editor@example.org';
const READERS = readers('quota', 4, 'confirmed', ['en']);
const DAY = 86_400_000;
// The account's 24-hour quota: SES accepts this many e-mails in any rolling 24 hours, the report e-mail included.
const QUOTA = 2;
// The send queue's redrive policy (infra/sending.ts): a message received more often goes to the dead-letter queue.
const MAX_RECEIVES = 12;
let sqs: Awaited<ReturnType<typeof startFakeSqs>>;
let proxy: FaultProxy;
let handler: Handler;
const accepted: number[] = [];

beforeAll(async () => {
  const ctx = await createSendContext(stack.current.env);
  expect((await cli(stack.current.env, 'import', fixtureEdition(EDITION))).code).toBe(0);
  await seedReaders(ctx, READERS);
  proxy = await startFaultProxy(stack.current.sesUrl, (path) => {
    if (!path.endsWith('/outbound-emails')) return 'pass';
    const now = clock.now();
    if (accepted.filter((t) => t > now - DAY).length >= QUOTA) return 'quota';
    accepted.push(now);
    return 'pass';
  });
  sqs = await startFakeSqs();
  process.env.AWS_ENDPOINT_URL_SESV2 = proxy.endpoint;
  process.env.AWS_ENDPOINT_URL_SQS = sqs.endpoint;
  process.env.QUEUE_URL = sqs.queueUrl;
  process.env.EDITOR_EMAILS = EDITOR;
  // Two readers a batch: two batches, the second meets the spent quota and waits a day, the report another.
  await dispatch(
    { ...dispatchDeps(ctx, SqsQueue.create(sqs.queueUrl)), settings: { ...ctx.settings, batchSize: 2 } },
    { edition: EDITION },
  );
  ({ handler } = (await import('../../functions/handlers/deliver.ts')) as unknown as { handler: Handler });
});
afterAll(async () => {
  delete process.env.EDITOR_EMAILS;
  await sqs?.close();
  await proxy?.close();
});

/** Runs the queue as Lambda would until it is empty: handled messages deleted, the too-often received dead-lettered. */
async function runQueue(): Promise<string[]> {
  const deadLetters: string[] = [];
  const context = { getRemainingTimeInMillis: () => 60_000 } as Context;
  // Each step the queue's clock moves by SQS's longest delay when nothing is visible: a week at most.
  for (let step = 0; step < (7 * DAY) / 900_000 && sqs.stored() > 0; step++) {
    const events = sqs.receiveEvents(10);
    if (events.length === 0) clock.advance(900_000);
    for (const event of events) {
      const [record] = event.Records;
      if (!record) continue;
      if (Number(record.attributes.ApproximateReceiveCount) > MAX_RECEIVES) {
        deadLetters.push(record.body);
        sqs.remove(record.receiptHandle);
        continue;
      }
      const { batchItemFailures } = await handler(event, context);
      if (batchItemFailures.length === 0) sqs.remove(record.receiptHandle);
    }
  }
  return deadLetters;
}

describe("SES's 24-hour quota spent in the middle of an edition", () => {
  it('waits for the rolling window, resumes, and mails every reader exactly once and the editors one report', async () => {
    const start = clock.now();
    const deadLetters = await runQueue();
    expect(sqs.stored()).toBe(0);
    expect(deadLetters).toEqual([]);
    // Five e-mails at two a day: the send spanned more than two days, never above the quota.
    expect(accepted).toHaveLength(READERS.length + 1);
    expect(clock.now() - start).toBeGreaterThanOrEqual(2 * DAY);
    for (const t of accepted) expect(accepted.filter((u) => u > t - DAY && u <= t).length).toBeLessThanOrEqual(QUOTA);
    expect(proxy.counts.quota).toBeGreaterThan(0);
    for (const r of READERS) expect(await inbox(stack.current, r.email), r.email).toHaveLength(1);
    const reports = await inbox(stack.current, EDITOR);
    expect(reports).toHaveLength(1);
    // The report says the edition waited, and for how long.
    expect(reports[0]?.body.text).toMatch(/waited: sending took 2 d \d+ h .*SES's 24-hour quota/);
    expect(await reportTotals(stack.current, EDITION, ['sent', 'failed', 'pending', 'uncertain'])).toEqual({
      sent: READERS.length,
      failed: 0,
      pending: 0,
      uncertain: 0,
    });
  });
});
