import { SESv2Client } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { SesMailer } from '../../functions/adapters/ses/mailer.ts';
import { createSendContext } from '../../functions/wiring/send.ts';
import { dispatchLocally } from '../../local/dispatcher.ts';
import { inbox } from '../support/local.ts';
import { readers } from '../support/seed.ts';
import { reportTotals, useSendBehindFaults } from '../support/send-behind-faults.ts';

const READERS = readers('unverified', 12, 'confirmed');
// SES answers "not verified" for the sender until DKIM verifies: here, the first 9 SendEmail calls.
const BLOCKED_CALLS = 9;
const send = useSendBehindFaults({ readers: READERS, edition: '2026-W44', batchSize: 4 }, (call) =>
  call <= BLOCKED_CALLS ? 'unverified' : 'pass',
);
const { stack } = send;

describe('a sender SES does not accept yet (DKIM not verified)', () => {
  it('holds the whole edition back and mails every reader exactly once when SES accepts again', async () => {
    const ctx = await createSendContext(stack.current.env);
    const mailer = new SesMailer(
      new SESv2Client({ endpoint: send.proxy.endpoint, maxAttempts: 1 }),
      ctx.config.SENDER_EMAIL,
    );
    const { deadLetters } = await dispatchLocally(ctx, { edition: '2026-W44' }, { mailer, secondMs: 2 });
    expect(deadLetters).toEqual([]);
    expect(send.proxy.counts.unverified).toBe(BLOCKED_CALLS);
    for (const r of READERS) expect(await inbox(stack.current, r.email), r.email).toHaveLength(1);
    expect(await reportTotals(stack.current, '2026-W44', ['sent', 'failed', 'pending'])).toEqual({
      sent: READERS.length,
      failed: 0,
      pending: 0,
    });
  });
});
