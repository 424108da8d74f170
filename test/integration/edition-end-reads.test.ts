import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqsQueue } from '../../functions/adapters/sqs/queue.ts';
import { dispatch } from '../../functions/app/dispatch.ts';
import { createSendContext, dispatchDeps, type SendContext } from '../../functions/wiring/send.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { startFakeSqs } from '../support/fake-sqs.ts';
import { inbox, useLocalStack } from '../support/local.ts';
import { type LostAnswerProxy, startLostAnswerProxy } from '../support/lost-answer-proxy.ts';
import { readers, seedReaders } from '../support/seed.ts';

type Handler = (e: unknown, c: Context) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

const stack = useLocalStack();
const EDITION = '2026-W39';
const EDITOR = 'end-editor@example.org';
const READERS = 8;
let sqs: Awaited<ReturnType<typeof startFakeSqs>>;
let counting: LostAnswerProxy;
let ctx: SendContext;
let handler: Handler;
// The queue's clock: a check's delay passes when the test moves it.
let queueTime = Date.now();

/** Queries of the edition's delivery partitions (`DLV#<edition>#<shard>`) made through the counting proxy so far. */
const deliveryReads = () => counting.queries.filter((pk) => pk.startsWith(`DLV#${EDITION}#`)).length;

beforeAll(async () => {
  ctx = await createSendContext(stack.current.env);
  expect((await cli(stack.current.env, 'import', fixtureEdition(EDITION))).code).toBe(0);
  await seedReaders(ctx, readers('end', READERS, 'confirmed', ['en']));
  sqs = await startFakeSqs({ now: () => queueTime });
  // The deliverer as on Lambda, its DynamoDB calls through a proxy that only counts (nothing dropped).
  counting = await startLostAnswerProxy(process.env.AWS_ENDPOINT_URL_DYNAMODB as string, { writes: 'none' });
  process.env.AWS_ENDPOINT_URL_DYNAMODB = counting.endpoint;
  process.env.AWS_ENDPOINT_URL_SQS = sqs.endpoint;
  process.env.QUEUE_URL = sqs.queueUrl;
  process.env.EDITOR_EMAILS = EDITOR;
  // One reader per batch: as many final invocations as readers.
  await dispatch(
    { ...dispatchDeps(ctx, SqsQueue.create(sqs.queueUrl)), settings: { ...ctx.settings, batchSize: 1 } },
    { edition: EDITION },
  );
  ({ handler } = (await import('../../functions/handlers/deliver.ts')) as unknown as { handler: Handler });
});
afterAll(async () => {
  delete process.env.EDITOR_EMAILS;
  await sqs?.close();
  await counting?.close();
});

describe("an edition's end", () => {
  it('reads the delivery records once however many final invocations run at once, reports once, scans nothing', async () => {
    const batches = sqs.receiveEvents(READERS);
    expect(batches).toHaveLength(READERS);
    // Every batch in flight at once: each finishes with nothing waiting on the queue.
    await Promise.all(batches.map((e) => handler(e, {} as Context)));
    expect((await inbox(stack.current)).filter((m) => m.destination.to[0] !== EDITOR)).toHaveLength(READERS);
    // What the queue still gives after the deliverers' delays (nothing deletes the handled batches here, as Lambda
    // would: only the check messages are taken), handled until none is left.
    for (let round = 0; round < 10; round++) {
      queueTime += 15 * 60_000;
      const checks = sqs.receiveEvents(100).filter((e) => e.Records[0]?.body.includes('"check"'));
      if (checks.length === 0) break;
      await Promise.all(checks.map((e) => handler(e, {} as Context)));
    }
    const reads = deliveryReads();
    // One full read: every shard of the edition's delivery records queried once (dynalite answers a shard this
    // small in one page).
    const shards = new Set(counting.queries.filter((pk) => pk.startsWith(`DLV#${EDITION}#`))).size;
    expect(shards).toBeGreaterThan(0);
    expect(reads).toBe(shards);
    expect(await inbox(stack.current, EDITOR)).toHaveLength(1);
    // The report's weekly counts come from the week's sets: nothing scans the table.
    expect(counting.calls.filter((c) => c.startsWith('Scan'))).toEqual([]);
    expect((await ctx.summaries.get(EDITION))?.en?.sent).toBe(READERS);
  });
});
