import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PacedMailer } from '../../functions/adapters/paced/mailer.ts';
import { SesMailer } from '../../functions/adapters/ses/mailer.ts';
import type { Mailer } from '../../functions/app/ports/mailer.ts';
import { type StandIn, startSes } from '../../local/stand-ins.ts';
import type { StoredEmail } from '../support/local.ts';
import { MemoryMailer } from '../support/memory/mailer.ts';

/** What a test sees of a mailer: the port, and what reached the recipient. */
interface MailerUnderTest {
  readonly mailer: Mailer;
  received(to: string): Promise<{ subject: string; html?: string; text?: string; headers: Record<string, string> }[]>;
}

const mail = {
  subject: 'Belarus weekly: Лiст',
  html: '<p>Прывітанне</p>',
  text: 'Прывітанне',
  headers: [
    { name: 'List-Unsubscribe', value: '<https://example.org/unsubscribe?token=t>' },
    { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
  ],
  tags: { kind: 'digest' as const, edition: '2026-W48' },
};

/** The mailer's contract: an accepted e-mail has a message id and arrives with its subject, parts and headers. */
export function describeMailer(name: string, make: () => Promise<MailerUnderTest>): void {
  describe(`mailer: ${name}`, () => {
    let under: MailerUnderTest;
    beforeEach(async () => {
      under = await make();
    });

    it('hands an e-mail over with its parts and headers and answers its message id', async () => {
      const to = `reader.${Math.random().toString(36).slice(2)}@example.org`;
      const { messageId } = await under.mailer.send({ to, ...mail });
      expect(messageId).toMatch(/\S/);
      const [got, ...more] = await under.received(to);
      expect(more).toEqual([]);
      expect(got).toMatchObject({ subject: mail.subject, html: mail.html, text: mail.text });
      expect(got?.headers).toMatchObject({
        'List-Unsubscribe': '<https://example.org/unsubscribe?token=t>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      });
    });
  });
}

let ses: StandIn;
beforeAll(async () => {
  ses = await startSes();
});
afterAll(async () => {
  await ses?.close();
});

/** The SES adapter on the stand-in, paced (`perSecond`) as the deliverers' mailer is, or not. */
async function onSes(perSecond?: number): Promise<MailerUnderTest> {
  const client = new SESv2Client({
    endpoint: process.env.AWS_ENDPOINT_URL_SESV2 ?? ses.endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const mailer = new SesMailer(client, 'Weekly <weekly@newsletter.example>');
  return {
    mailer: perSecond ? new PacedMailer(mailer, perSecond) : mailer,
    async received(to) {
      const res = await fetch(`${process.env.AWS_ENDPOINT_URL_SESV2 ?? ses.endpoint}/store`);
      const { emails } = (await res.json()) as { emails: StoredEmail[] };
      return emails
        .filter((e) => e.destination.to.includes(to))
        .map((e) => ({
          subject: e.subject,
          html: e.body.html,
          text: e.body.text,
          headers: Object.fromEntries((e.headers ?? []).map((h) => [h.name, h.value])),
        }));
    },
  };
}

describeMailer('SES adapter on aws-ses-v2-local', () => onSes());
// The pacing itself: test/contract/paced-mailer.test.ts.
describeMailer('paced mailer over the SES adapter on aws-ses-v2-local', () => onSes(10));
describeMailer('in memory', async () => {
  const mailer = new MemoryMailer();
  return {
    mailer,
    async received(to) {
      return mailer.to(to).map((m) => ({
        subject: m.subject,
        html: m.html,
        text: m.text,
        headers: Object.fromEntries((m.headers ?? []).map((h) => [h.name, h.value])),
      }));
    },
  };
});
