import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PacedMailer } from '../../functions/adapters/paced/mailer.ts';
import { SesMailer, sesClientOptions } from '../../functions/adapters/ses/mailer.ts';
import type { Mailer } from '../../functions/app/ports/mailer.ts';
import { type StandIn, startSes } from '../../local/stand-ins.ts';
import type { StoredEmail } from '../support/local.ts';
import { MemoryMailer } from '../support/memory/mailer.ts';
import { startRateLimitedSes } from '../support/send-rate.ts';

/** A paced mailer over a mailer that enforces `perSecond` as SES does; what the limit refused; who received what. */
interface PacedUnderTest {
  readonly mailer: Mailer;
  throttled(): number;
  received(to: readonly string[]): Promise<string[]>;
}

const RATE = 10;

/**
 * The paced mailer's contract (a Mailer that spaces another's sends): a burst of sends asked at once, more than the
 * account's send rate lets through at once, reaches a mailer that enforces that rate without one refused, each
 * answered with its own message id and arriving once.
 */
export function describePacedMailer(name: string, make: (perSecond: number) => Promise<PacedUnderTest>): void {
  describe(`paced mailer: ${name}`, () => {
    it('hands a burst of 2.5 seconds’ worth to a mailer enforcing the rate without one throttled', async () => {
      const under = await make(RATE);
      const run = Math.random().toString(36).slice(2);
      const to = Array.from({ length: RATE * 2.5 }, (_, i) => `reader.${run}.${i}@example.org`);
      const answers = await Promise.allSettled(
        to.map((address) => under.mailer.send({ to: address, subject: 'Weekly', html: '<p>h</p>', text: 'h' })),
      );
      expect(under.throttled(), 'sends refused for the rate').toBe(0);
      const ids = answers.map((a) => (a.status === 'fulfilled' ? a.value.messageId : String(a.reason)));
      expect(new Set(ids).size).toBe(to.length);
      expect((await under.received(to)).sort()).toEqual([...to].sort());
    });
  });
}

let ses: StandIn;
const proxies: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  ses = await startSes();
});
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close()));
  await ses?.close();
});

describePacedMailer('over the SES adapter on aws-ses-v2-local behind its send rate', async (perSecond) => {
  const limited = await startRateLimitedSes(ses.endpoint, perSecond);
  proxies.push(limited);
  const from = 'Weekly <weekly@newsletter.example>';
  const client = new SESv2Client({
    ...sesClientOptions(1, { from }),
    endpoint: limited.endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    mailer: new PacedMailer(new SesMailer(client, from), perSecond),
    throttled: () => limited.counts.throttle,
    async received(to) {
      const { emails } = (await (await fetch(`${ses.endpoint}/store`)).json()) as { emails: StoredEmail[] };
      return emails.flatMap((e) => e.destination.to).filter((address) => to.includes(address));
    },
  };
});
describePacedMailer('over the in-memory mailer with a send rate', async (perSecond) => {
  const inner = new MemoryMailer({ perSecond });
  return {
    mailer: new PacedMailer(inner, perSecond),
    throttled: () => inner.throttled,
    received: async (to) => inner.sent.map((m) => m.to).filter((address) => to.includes(address)),
  };
});
