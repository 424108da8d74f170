import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSendContext } from '../../functions/wiring/send.ts';
import { type LocalStack, startLocalStack } from '../../local/stack.ts';
import { startFakeSqs } from '../support/fake-sqs.ts';
import { type FeedServer, startFeedServer } from '../support/feed-server.ts';
import { inbox } from '../support/local.ts';
import { readers, seedReaders } from '../support/seed.ts';

type Handler = (event: unknown, context: Context) => Promise<Record<string, unknown>>;

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'events', 'scheduler', name), 'utf8'));
const EDITOR = 'scheduled-editor@example.org';
let feeds: FeedServer;
let stack: LocalStack;
let sqs: Awaited<ReturnType<typeof startFakeSqs>>;
let prepare: Handler;
let dispatch: Handler;

beforeAll(async () => {
  feeds = await startFeedServer();
  sqs = await startFakeSqs();
  stack = await startLocalStack({
    env: { FEEDS: JSON.stringify({ en: [`${feeds.url}/en/rss.xml`] }), EDITOR_EMAILS: EDITOR },
  });
  await seedReaders(await createSendContext(stack.env), readers('scheduled', 1, 'confirmed', ['en']));
  // The handler modules build their clients at import from the SDK's standard variables, like a cold start.
  process.env.AWS_ENDPOINT_URL_SQS = sqs.endpoint;
  process.env.QUEUE_URL = sqs.queueUrl;
  ({ handler: prepare } = (await import('../../functions/handlers/prepare.ts')) as unknown as { handler: Handler });
  ({ handler: dispatch } = (await import('../../functions/handlers/dispatch.ts')) as unknown as { handler: Handler });
});
afterAll(async () => {
  await stack?.close();
  await Promise.all([feeds?.close(), sqs?.close()]);
});

describe('the scheduled handlers with EventBridge Scheduler inputs', () => {
  it('prepare with the weekly input `{}` mails the preview of the current week', async () => {
    const result = await prepare(fixture('weekly-input.json'), {} as Context);
    expect(result).toMatchObject({ previews: 1, failedFeeds: 0 });
    expect(result.edition).toMatch(/^\d{4}-W\d{2}$/);
    const [mail] = await inbox(stack, EDITOR);
    expect(mail?.subject).toContain(`[PREVIEW] ${result.edition}`);
  });

  it('prepare with an edition pulls that week', async () => {
    const result = await prepare(fixture('edition-input.json'), {} as Context);
    expect(result).toMatchObject({ edition: '2026-W48', previews: 1 });
    const previews = (await inbox(stack, EDITOR)).filter((m) => m.subject.startsWith('[PREVIEW] 2026-W48'));
    expect(previews[0]?.body.text).toContain('Repressions continue');
  });

  it('refuses an input whose edition is not an ISO week', async () => {
    await expect(prepare({ edition: '2026-48' }, {} as Context)).rejects.toThrow(/2026-W48/);
  });

  it('the scheduled send of a held edition starts nothing', async () => {
    const ctx = await createSendContext(stack.env);
    await ctx.holds.hold('2026-W48', 'test', Date.now());
    const result = await dispatch(fixture('edition-input.json'), {} as Context);
    expect(result).toEqual({ status: 'held', edition: '2026-W48' });
    expect(sqs.messages).toHaveLength(0);
    expect(await ctx.sends.get('2026-W48')).toBeUndefined();
  });

  it('prepare once the scheduled send started pulls nothing, mails no hold link and answers that it is being sent', async () => {
    const ctx = await createSendContext(stack.env);
    await ctx.holds.release('2026-W48');
    expect(await dispatch(fixture('edition-input.json'), {} as Context)).toMatchObject({ status: 'dispatched' });
    const pulls = feeds.requests.length;
    const result = await prepare(fixture('edition-input.json'), {} as Context);
    expect(result).toMatchObject({ edition: '2026-W48', previews: 1, started: 'sending' });
    expect(feeds.requests.length).toBe(pulls);
    const late = (await inbox(stack, EDITOR)).filter((m) => m.subject === '[PREVIEW] 2026-W48: being sent');
    expect(late).toHaveLength(1);
    expect(late[0]?.body.text).not.toContain('/hold?token=');
  });
});
