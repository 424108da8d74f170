import type { Context, SQSRecord } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../functions/app/dispatch.ts';
import { createSendContext, dispatchDeps, type SendContext } from '../../functions/wiring/send.ts';
import { startFakeSqs } from '../support/fake-sqs.ts';
import { inbox, useLocalStack } from '../support/local.ts';
import { importFixtureCommentaries, readers, seedReaders } from '../support/seed.ts';

// INFO, so that the handler's every line (with the readers' batches) is there to be checked for addresses.
const stack = useLocalStack({ POWERTOOLS_LOG_LEVEL: 'INFO' });
const EDITION = '2026-W48';
let ctx: SendContext;
let sqs: Awaited<ReturnType<typeof startFakeSqs>>;

type Handler = (
  e: { Records: SQSRecord[] },
  c: Context,
) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

function record(messageId: string, body: unknown): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: { ApproximateReceiveCount: '1' },
    messageAttributes: {},
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-central-1:123456789012:newsletter-send',
    awsRegion: 'eu-central-1',
  } as unknown as SQSRecord;
}

const lambdaContext = (awsRequestId: string) =>
  ({
    awsRequestId,
    functionName: 'newsletter-deliver',
    functionVersion: '$LATEST',
    memoryLimitInMB: '1024',
    invokedFunctionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:newsletter-deliver',
    getRemainingTimeInMillis: () => 60_000,
  }) as unknown as Context;

/** Runs `fn` and returns what it printed (Powertools Logger writes JSON lines to stdout and stderr). */
async function logsOf<T>(fn: () => Promise<T>): Promise<{ result: T; lines: Record<string, unknown>[] }> {
  const printed: string[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
  }
  const result = await fn();
  vi.restoreAllMocks();
  const lines = printed
    .join('')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { result, lines };
}

afterEach(() => {
  vi.restoreAllMocks();
});

beforeAll(async () => {
  // The deliverer's send queue, as on Lambda (it puts back what must wait and queues the completion check).
  sqs = await startFakeSqs();
  process.env.AWS_ENDPOINT_URL_SQS = sqs.endpoint;
  process.env.QUEUE_URL = sqs.queueUrl;
  ctx = await createSendContext(stack.current.env);
  await importFixtureCommentaries(ctx);
  // Dispatch renders the edition (no reader yet, so nothing is queued).
  expect(
    await dispatch(dispatchDeps(ctx, { enqueue: async () => {}, enqueueMany: async () => {} }), { edition: EDITION }),
  ).toMatchObject({
    status: 'dispatched',
  });
});

afterAll(async () => {
  await sqs?.close();
});

describe('the deliver handler on Powertools batch processing', () => {
  it('reports exactly the failed messages, goes on after a failure, and logs each line with the request id', async () => {
    const [reader] = await seedReaders(ctx, readers('batch', 1, 'confirmed', ['en']));
    const { handler } = (await import('../../functions/handlers/deliver.ts')) as unknown as { handler: Handler };
    const event = {
      Records: [
        record('m-malformed', '{"edition":"not-an-edition"'),
        record('m-sent', { edition: EDITION, language: 'en', ids: [reader?.id] }),
        // Not rendered: the batch comes back later (put back on the queue, delayed) rather than skipping its readers.
        record('m-not-rendered', { edition: '2026-W01', language: 'en', ids: [reader?.id] }),
      ],
    };
    const { result, lines } = await logsOf(() => handler(event, lambdaContext('req-deliver-1')));
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-malformed' }]);
    const putBack = sqs.messages.map((m) => ({ ...JSON.parse(m.body), delaySeconds: m.delaySeconds }));
    expect(putBack).toContainEqual(expect.objectContaining({ edition: '2026-W01', ids: [reader?.id] }));
    expect(putBack.find((m) => m.edition === '2026-W01')?.delaySeconds).toBeGreaterThan(0);
    expect(await inbox(stack.current, 'batch0@example.org')).toHaveLength(1);

    expect(lines.map((l) => l.message)).toEqual([
      'deliver: malformed queue message',
      'deliver: batch done',
      'deliver: batch put back',
      'deliver: batch done',
    ]);
    // One message after another: the quick not-rendered batch waits for the sent one (in parallel it would finish first).
    expect(lines.filter((l) => l.messageId).map((l) => l.messageId)).toEqual([
      'm-malformed',
      'm-sent',
      'm-not-rendered',
    ]);
    for (const line of lines) expect(line).toMatchObject({ function_request_id: 'req-deliver-1' });
    expect(JSON.stringify(lines)).not.toContain('@');
  });

  it('answers a batch whose every message failed with all of them, not with an error', async () => {
    const { handler } = (await import('../../functions/handlers/deliver.ts')) as unknown as { handler: Handler };
    const { result, lines } = await logsOf(() =>
      handler({ Records: [record('m-1', 'not json'), record('m-2', '{}')] }, lambdaContext('req-deliver-2')),
    );
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }, { itemIdentifier: 'm-2' }]);
    expect(lines.map((l) => l.function_request_id)).toEqual(['req-deliver-2', 'req-deliver-2']);
  });
});
