import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSendContext } from '../../functions/wiring/send.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { startFakeSqs } from '../support/fake-sqs.ts';
import { inbox, useLocalStack } from '../support/local.ts';
import { readers, seedReaders } from '../support/seed.ts';

type Handler = (e: unknown, c: Context) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

const stack = useLocalStack();
const EDITION = '2026-W41';
const EDITOR = 'report-editor@example.org';
let sqs: Awaited<ReturnType<typeof startFakeSqs>>;
let handler: Handler;
let ids: string[];
// The queue's clock: the completion check's delay passes when the test moves it.
let queueTime = Date.now();

const sqsEvent = (id: string, messageId: string): unknown => {
  const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'events', 'sqs', 'deliver-batch.json'), 'utf8');
  const event = JSON.parse(text.replace('{{EDITION}}', EDITION).replace('{{ID}}', id)) as {
    Records: { messageId: string }[];
  };
  // Only the well-formed record of the fixture, under its own id.
  return { Records: event.Records.slice(0, 1).map((r) => ({ ...r, messageId })) };
};

beforeAll(async () => {
  const ctx = await createSendContext(stack.current.env);
  expect((await cli(stack.current.env, 'import', fixtureEdition(EDITION))).code).toBe(0);
  // Dispatch renders the edition and finishes (nobody to mail yet); the readers come by queue message afterwards.
  expect((await cli(stack.current.env, 'send', '--edition', EDITION, '--yes')).code).toBe(0);
  ids = (await seedReaders(ctx, readers('drained', 2, 'confirmed', ['be']))).map((s) => s.id);
  sqs = await startFakeSqs({ now: () => queueTime });
  // The deliverer's cold start: SQS and the editors from the environment, as on Lambda.
  process.env.AWS_ENDPOINT_URL_SQS = sqs.endpoint;
  process.env.QUEUE_URL = sqs.queueUrl;
  process.env.EDITOR_EMAILS = EDITOR;
  ({ handler } = (await import('../../functions/handlers/deliver.ts')) as unknown as { handler: Handler });
});
afterAll(async () => {
  delete process.env.EDITOR_EMAILS;
  await sqs?.close();
});

const checks = () => sqs.messages.filter((m) => JSON.parse(m.body).check === 'completion');

describe('the deliverer and the report e-mail', () => {
  it('queues one delayed completion check once the queue has nothing waiting; the check reports exactly once', async () => {
    sqs.state.waiting = 3;
    await handler(sqsEvent(ids[0] as string, 'first'), {} as Context);
    expect(checks()).toHaveLength(0);
    sqs.state.waiting = 0;
    await handler(sqsEvent(ids[1] as string, 'second'), {} as Context);
    // The report is not mailed inside the batch's invocation: one delayed check message is queued instead.
    expect(await inbox(stack.current, EDITOR)).toHaveLength(0);
    expect(checks()).toHaveLength(1);
    expect(checks()[0]?.delaySeconds).toBeGreaterThan(0);
    // A batch finishing again (a redelivered message) queues no second check while the first is pending.
    await handler(sqsEvent(ids[1] as string, 'again'), {} as Context);
    expect(checks()).toHaveLength(1);
    queueTime += 15 * 60_000;
    const [check] = sqs.receiveEvents();
    expect(JSON.parse(check?.Records[0]?.body ?? '{}')).toMatchObject({ edition: EDITION, check: 'completion' });
    expect((await handler(check, {} as Context)).batchItemFailures).toEqual([]);
    const reports = (await inbox(stack.current, EDITOR)).filter((m) => m.subject === `[REPORT] ${EDITION} sent`);
    expect(reports).toHaveLength(1);
    // The same check delivered twice mails nothing more.
    await handler(check, {} as Context);
    expect(await inbox(stack.current, EDITOR)).toHaveLength(1);
  });
});
