import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqsQueue } from '../../functions/adapters/sqs/queue.ts';
import { dispatch } from '../../functions/app/dispatch.ts';
import { createSendContext, dispatchDeps } from '../../functions/wiring/send.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { startFakeSqs } from '../support/fake-sqs.ts';
import { inbox, tableItems, useLocalStack } from '../support/local.ts';
import { readers, seedReaders } from '../support/seed.ts';

type Handler = (e: unknown, c: Context) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

const stack = useLocalStack();
const EDITION = '2026-W42';
let sqs: Awaited<ReturnType<typeof startFakeSqs>>;
let handler: Handler;

const summary = async () =>
  (await tableItems(stack.current)).find((i) => i.pk === `SEND#${EDITION}` && i.sk === 'SUMMARY');
// The queue's clock: the completion check's delay passes when the test moves it.
let queueTime = Date.now();

beforeAll(async () => {
  delete process.env.EDITOR_EMAILS;
  const ctx = await createSendContext(stack.current.env);
  expect((await cli(stack.current.env, 'import', fixtureEdition(EDITION))).code).toBe(0);
  await seedReaders(ctx, readers('nobody-reads', 4, 'confirmed', ['be']));
  sqs = await startFakeSqs({ now: () => queueTime });
  process.env.AWS_ENDPOINT_URL_SQS = sqs.endpoint;
  process.env.QUEUE_URL = sqs.queueUrl;
  // The dispatcher as on Lambda: the batches go to SQS, for the deliverer below.
  await dispatch(
    { ...dispatchDeps(ctx, SqsQueue.create(sqs.queueUrl)), settings: { ...ctx.settings, batchSize: 2 } },
    {
      edition: EDITION,
    },
  );
  ({ handler } = (await import('../../functions/handlers/deliver.ts')) as unknown as { handler: Handler });
});
afterAll(async () => {
  await sqs?.close();
});

describe('the deliverer without editors', () => {
  it("records the edition's summary once the queue runs dry and the edition is complete", async () => {
    const events = sqs.receiveEvents();
    // Four readers over the sending index's shards: more than one batch.
    expect(events.length).toBeGreaterThan(1);
    for (const e of events.slice(0, -1)) await handler(e, {} as Context);
    // Not every batch is sent yet: not complete, no summary.
    expect(await summary()).toBeUndefined();
    await handler(events.at(-1), {} as Context);
    expect((await inbox(stack.current)).length).toBe(4);
    // The summary is written by the delayed completion check the last batch queued, in its own invocation.
    expect(await summary()).toBeUndefined();
    queueTime += 15 * 60_000;
    // The batches handled above are visible again too (nothing deletes them here, as Lambda would): take the check.
    const check = sqs.receiveEvents().find((e) => e.Records[0]?.body.includes('"check"'));
    expect(JSON.parse(check?.Records[0]?.body ?? '{}')).toMatchObject({ edition: EDITION, check: 'completion' });
    await handler(check, {} as Context);
    expect((await summary())?.languages).toEqual({
      en: { planned: 0, sent: 0, failed: 0, skipped: 0 },
      be: { planned: 4, sent: 4, failed: 0, skipped: 0 },
      ru: { planned: 0, sent: 0, failed: 0, skipped: 0 },
    });
  });
});
