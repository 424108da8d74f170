import { beforeAll, describe, expect, it } from 'vitest';
import { subscriberIdFor } from '../../functions/core/identity.ts';
import { createSendContext } from '../../functions/wiring/send.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { afterSend, inbox, listUnsubscribe, type StoredEmail, tableSnapshot, useLocalStack } from '../support/local.ts';
import { headerBlock, mailFixture } from '../support/reports.ts';
import { readers, seedReaders } from '../support/seed.ts';
import { sendSmtp } from '../support/smtp-client.ts';

const stack = useLocalStack();
let ctx: Awaited<ReturnType<typeof createSendContext>>;
// 0 unsubscribes by mail, 1 complains through Mail.ru, 2 through Yahoo, 3 is the target of every junk message and
// unsubscribes by mail last, 4 does nothing.
const READERS = readers('inbound', 5, 'confirmed');
const email = (i: number) => READERS[i]?.email as string;
const digests = new Map<string, StoredEmail>();
const FBL = 'fbl@inbound.newsletter.example';

const smtp = (to: string, message: string | Buffer, from = 'sender@mail.example.net') =>
  sendSmtp(stack.current.smtp.port, { from, to: [to] }, message);
const mailto = (i: number) => (listUnsubscribe(digests.get(email(i)) as StoredEmail).mailto ?? '').split('?')[0] ?? '';
const status = async (i: number) =>
  (await ctx.subscribers.get(subscriberIdFor(ctx.secrets.idKey, email(i).toLowerCase())))?.status;
const lastOutcome = () => stack.current.smtp.received.at(-1)?.outcome;

async function eml(mail: StoredEmail): Promise<string> {
  const res = await fetch(`${stack.current.sesUrl}/get-emlContent?messageId=${mail.messageId}`);
  const { body } = (await res.json()) as { body: { data: number[] } };
  return Buffer.from(body.data).toString('utf8');
}

beforeAll(async () => {
  ctx = await createSendContext(stack.current.env);
  await seedReaders(ctx, READERS);
  expect((await cli(stack.current.env, 'import', fixtureEdition('2026-W48'))).code).toBe(0);
  expect((await cli(stack.current.env, 'send', '--edition', '2026-W48', '--yes')).code).toBe(0);
  for (const mail of await inbox(stack.current)) digests.set(mail.destination.to[0] as string, mail);
  expect(digests.size).toBe(READERS.length);
  // The edition's end (summary and report) comes from a delayed check after the last e-mail: the tests below
  // compare the table before and after, so it must be done.
  await afterSend(stack.current, '2026-W48');
});

describe('inbound mail over SMTP on the local runner', () => {
  it("unsubscribes the reader whose digest's mailto address the mail was sent to", async () => {
    expect(mailto(0)).toMatch(/^u-[0-9a-f]{32}-[0-9a-f]{20}@inbound\.newsletter\.example$/);
    const reply = await smtp(mailto(0), mailFixture('unsubscribe.eml', { from: email(0), to: mailto(0) }));
    expect(reply.code).toBe(250);
    expect(await status(0)).toBe('unsubscribed');
    expect(await status(4)).toBe('confirmed');
    // Idempotent: the same mail again changes nothing more.
    expect((await smtp(mailto(0), mailFixture('unsubscribe.eml', { from: email(0), to: mailto(0) }))).code).toBe(250);
    expect(await status(0)).toBe('unsubscribed');
  });

  it('marks the reader of a Mail.ru feedback report complained (the original digest attached whole)', async () => {
    const original = (await eml(digests.get(email(1)) as StoredEmail)).replace(/\r\n/g, '\n');
    const report = mailFixture('mailru-arf.eml', { to: FBL, recipient: email(1), original });
    expect((await smtp(FBL, report, '')).code).toBe(250);
    expect(lastOutcome()).toMatchObject({ action: 'complained' });
    expect(await status(1)).toBe('complained');
    expect(await status(2)).toBe('confirmed');
  });

  it('changes nothing for a forged report from an outside address naming a confirmed reader in Original-Rcpt-To', async () => {
    const before = await tableSnapshot(stack.current);
    const original = 'From: Belarus Weekly <weekly@newsletter.example>\nTo: someone\nSubject: Digest\n\nBody';
    const report = mailFixture('mailru-arf.eml', { to: FBL, recipient: email(4), original });
    expect((await smtp(FBL, report, 'abuse@attacker.example')).code).toBe(250);
    expect(lastOutcome()).toEqual({ action: 'dropped', reason: 'unauthenticated-report' });
    expect(await status(4)).toBe('confirmed');
    expect(await tableSnapshot(stack.current)).toBe(before);
  });

  it('marks the reader of a Yahoo feedback report complained although the recipient is redacted', async () => {
    const headers = headerBlock(await eml(digests.get(email(2)) as StoredEmail)).replace(/^To: .*$/m, 'To: redacted');
    expect(headers).not.toContain(email(2));
    const report = mailFixture('yahoo-arf.eml', { to: FBL, originalHeaders: headers });
    expect((await smtp(FBL, report, '')).code).toBe(250);
    expect(await status(2)).toBe('complained');
    expect(await status(3)).toBe('confirmed');
  });

  it('changes nothing for a forged token, stray mail, an auto-reply, a bounce, 10 MB or broken MIME', async () => {
    const before = await tableSnapshot(stack.current);
    const target = mailto(3);
    const forged = target.replace(/-([0-9a-f]{20})@/, (_, mac: string) => `-${[...mac].reverse().join('')}@`);
    const huge = `${mailFixture('stray.eml', { to: target })}\n${'x'.repeat(76).concat('\n').repeat(140_000)}`;
    const cases: [string, string | Buffer, string, number][] = [
      [forged, mailFixture('unsubscribe.eml', { from: email(3), to: forged }), 'forged-token', 250],
      [
        'hello@inbound.newsletter.example',
        mailFixture('stray.eml', { to: 'hello@inbound.newsletter.example' }),
        'stray',
        250,
      ],
      [target, mailFixture('auto-reply.eml', { from: email(3), to: target }), 'auto-reply', 250],
      [target, mailFixture('bounce.eml', { to: target }), 'bounce', 250],
      [target, huge, 'oversized', 552],
      [target, Buffer.from([0, 1, 2, 0xff, 0xfe, 13, 10, 0x80, 0x81]), 'malformed', 250],
      [FBL, mailFixture('broken-report.eml', { to: FBL, recipient: email(3) }), 'malformed', 250],
    ];
    expect(Buffer.byteLength(huge)).toBeGreaterThan(10 * 1024 * 1024);
    for (const [to, message, reason, code] of cases) {
      const reply = await smtp(to, message, reason === 'bounce' ? '' : 'sender@mail.example.net');
      expect(reply.code, reason).toBe(code);
      expect(lastOutcome(), reason).toEqual({ action: 'dropped', reason });
    }
    expect(await tableSnapshot(stack.current)).toBe(before);
    // The server keeps accepting: the same reader's real mailto still works after all that.
    expect((await smtp(target, mailFixture('unsubscribe.eml', { from: email(3), to: target }))).code).toBe(250);
    expect(await status(3)).toBe('unsubscribed');
  });

  it('sends the next edition only to the reader who neither unsubscribed nor complained', async () => {
    expect((await cli(stack.current.env, 'import', fixtureEdition('2026-W49'))).code).toBe(0);
    expect((await cli(stack.current.env, 'send', '--edition', '2026-W49', '--yes')).code).toBe(0);
    for (const i of [0, 1, 2, 3]) expect(await inbox(stack.current, email(i)), email(i)).toHaveLength(1);
    expect(await inbox(stack.current, email(4))).toHaveLength(2);
  });

  it('lists what arrived on the local inbound page', async () => {
    const res = await fetch(`${stack.current.apiUrl}/local/inbound`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('dropped: forged-token');
    expect(page).toContain('complained (reader ');
    expect(page).not.toContain(email(1));
  });
});
