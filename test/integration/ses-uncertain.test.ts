import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SesMailer, sesClientOptions } from '../../functions/adapters/ses/mailer.ts';
import { createSendContext } from '../../functions/wiring/send.ts';
import { dispatchLocally } from '../../local/dispatcher.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { inbox, useLocalStack } from '../support/local.ts';
import { readers, seedReaders } from '../support/seed.ts';
import { type FaultProxy, startFaultProxy } from '../support/ses-fault-proxy.ts';

const stack = useLocalStack({ BATCH_SIZE: '4' });
const READERS = readers('uncertain', 12, 'confirmed');
// SES takes these SendEmail calls but the answer is lost: a 500 after acceptance, or the connection cut.
const LOST: Record<number, 'accepted-500' | 'accepted-drop'> = {
  2: 'accepted-500',
  4: 'accepted-drop',
  6: 'accepted-500',
  9: 'accepted-drop',
  11: 'accepted-500',
};
let proxy: FaultProxy;
let calls = 0;

beforeAll(async () => {
  const ctx = await createSendContext(stack.current.env);
  await seedReaders(ctx, READERS);
  expect((await cli(stack.current.env, 'import', fixtureEdition('2026-W44'))).code).toBe(0);
  proxy = await startFaultProxy(stack.current.sesUrl, (path) => {
    if (!path.endsWith('/outbound-emails')) return 'pass';
    return LOST[++calls] ?? 'pass';
  });
});

afterAll(async () => {
  await proxy?.close();
});

describe('SES answers lost after it accepted the e-mail', () => {
  it('sends nobody a second copy and counts the lost answers as uncertain in the report and the CLI', async () => {
    const ctx = await createSendContext(stack.current.env);
    // The production client options (retry policy, timeouts) with the SDK's usual three attempts.
    const client = new SESv2Client({
      ...sesClientOptions(3, { from: ctx.config.SENDER_EMAIL }),
      endpoint: proxy.endpoint,
    });
    const mailer = new SesMailer(client, ctx.config.SENDER_EMAIL);
    const { deadLetters } = await dispatchLocally(ctx, { edition: '2026-W44' }, { mailer, secondMs: 2 });
    expect(deadLetters).toEqual([]);
    expect(proxy.counts['accepted-500'] + proxy.counts['accepted-drop']).toBe(5);
    for (const r of READERS) expect(await inbox(stack.current, r.email), r.email).toHaveLength(1);
    expect(calls).toBe(READERS.length);
    const status = await cli(stack.current.env, 'status', '--edition', '2026-W44', '--json');
    const report = JSON.parse(status.out);
    const total = { sent: 0, failed: 0, uncertain: 0, pending: 0, unhandled: 0 };
    for (const l of Object.values(report.languages as Record<string, typeof total>))
      for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += l[k];
    expect(total).toEqual({ sent: READERS.length - 5, failed: 0, uncertain: 5, pending: 0, unhandled: 0 });
    const text = (await cli(stack.current.env, 'status', '--edition', '2026-W44')).out;
    expect(text).toMatch(/uncertain [1-5]/);
  });
});
