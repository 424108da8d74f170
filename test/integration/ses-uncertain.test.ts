import { SESv2Client } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { SesMailer, sesClientOptions } from '../../functions/adapters/ses/mailer.ts';
import { createSendContext } from '../../functions/wiring/send.ts';
import { dispatchLocally } from '../../local/dispatcher.ts';
import { cli } from '../support/cli.ts';
import { inbox } from '../support/local.ts';
import { readers } from '../support/seed.ts';
import { reportTotals, useSendBehindFaults } from '../support/send-behind-faults.ts';

const READERS = readers('uncertain', 12, 'confirmed');
// SES takes these SendEmail calls but the answer is lost: a 500 after acceptance, or the connection cut.
const LOST: Record<number, 'accepted-500' | 'accepted-drop'> = {
  2: 'accepted-500',
  4: 'accepted-drop',
  6: 'accepted-500',
  9: 'accepted-drop',
  11: 'accepted-500',
};
const send = useSendBehindFaults(
  { readers: READERS, edition: '2026-W44', batchSize: 4 },
  (call) => LOST[call] ?? 'pass',
);
const { stack } = send;

describe('SES answers lost after it accepted the e-mail', () => {
  it('sends nobody a second copy and counts the lost answers as uncertain in the report and the CLI', async () => {
    const ctx = await createSendContext(stack.current.env);
    // The production client options (retry policy, timeouts) with the SDK's usual three attempts.
    const client = new SESv2Client({
      ...sesClientOptions(3, { from: ctx.config.SENDER_EMAIL }),
      endpoint: send.proxy.endpoint,
    });
    const mailer = new SesMailer(client, ctx.config.SENDER_EMAIL);
    const { deadLetters } = await dispatchLocally(ctx, { edition: '2026-W44' }, { mailer, secondMs: 2 });
    expect(deadLetters).toEqual([]);
    expect(send.proxy.counts['accepted-500'] + send.proxy.counts['accepted-drop']).toBe(5);
    for (const r of READERS) expect(await inbox(stack.current, r.email), r.email).toHaveLength(1);
    expect(send.calls()).toBe(READERS.length);
    const keys = ['sent', 'failed', 'uncertain', 'pending', 'unhandled'] as const;
    expect(await reportTotals(stack.current, '2026-W44', keys)).toEqual({
      sent: READERS.length - 5,
      failed: 0,
      uncertain: 5,
      pending: 0,
      unhandled: 0,
    });
    const text = (await cli(stack.current.env, 'status', '--edition', '2026-W44')).out;
    expect(text).toMatch(/uncertain [1-5]/);
  });
});
