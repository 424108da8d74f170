import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSendContext } from '../../functions/wiring/send.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { startFakeSqs } from '../support/fake-sqs.ts';
import { inbox, useLocalStack } from '../support/local.ts';
import { readers, seedReaders } from '../support/seed.ts';

const stack = useLocalStack();
let ctx: Awaited<ReturnType<typeof createSendContext>>;
let sqs: Awaited<ReturnType<typeof startFakeSqs>>;

function sqsEvent(edition: string, id: string): unknown {
  const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'events', 'sqs', 'deliver-batch.json'), 'utf8');
  return JSON.parse(text.replace('{{EDITION}}', edition).replace('{{ID}}', id));
}

beforeAll(async () => {
  // The deliverer's send queue, as on Lambda (QUEUE_URL is required by its cold start).
  sqs = await startFakeSqs();
  process.env.AWS_ENDPOINT_URL_SQS = sqs.endpoint;
  process.env.QUEUE_URL = sqs.queueUrl;
  ctx = await createSendContext(stack.current.env);
  expect((await cli(stack.current.env, 'import', fixtureEdition('2026-W44'))).code).toBe(0);
});

afterAll(async () => {
  await sqs?.close();
});

describe('the deliver Lambda handler', () => {
  it('sends a queued batch and reports only the malformed message as a batch item failure', async () => {
    // Dispatch renders the edition once (here through the CLI's send, which finds no reader yet).
    expect((await cli(stack.current.env, 'send', '--edition', '2026-W44', '--yes')).code).toBe(0);
    const [reader] = await seedReaders(ctx, readers('sqs', 1, 'confirmed', ['be']));
    const { handler } = (await import('../../functions/handlers/deliver.ts')) as unknown as {
      handler: (e: unknown, c: Context) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
    };
    const first = await handler(sqsEvent('2026-W44', reader?.id as string), {} as Context);
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: '2e1424d4-f796-459a-8184-9c92662be6da' }]);
    const [mail] = await inbox(stack.current, 'sqs0@example.org');
    expect(mail?.subject).toContain('лістапада');
    // The same message delivered again mails nobody twice.
    await handler(sqsEvent('2026-W44', reader?.id as string), {} as Context);
    expect(await inbox(stack.current, 'sqs0@example.org')).toHaveLength(1);
  });
});
