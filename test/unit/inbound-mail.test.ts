import { describe, expect, it } from 'vitest';
import { readInboundMail } from '../../functions/adapters/mime-mail.ts';
import { type InboundDeps, receiveMail } from '../../functions/app/inbound-mail.ts';
import type { SubscriberStore } from '../../functions/app/ports/subscriber-store.ts';
import { subscriberIdFor } from '../../functions/core/identity.ts';
import { unsubscribeAddress } from '../../functions/core/mailbox.ts';
import type { Subscription } from '../../functions/core/subscription.ts';
import { sealed } from '../support/address-cipher.ts';
import { MemoryReaderWeeks } from '../support/memory/reader-weeks.ts';
import { mailFixture } from '../support/reports.ts';

const DOMAIN = 'inbound.example.org';
const idKey = new Uint8Array(32).fill(7);
const ring = { current: { id: 'k1', secret: 'c'.repeat(43) }, previous: [] };
const READER = 'reader@mail.ru';
const readerId = subscriberIdFor(idKey, READER);

function depsWith(subs: Subscription[]): InboundDeps & { saved: Subscription[] } {
  const rows = new Map(subs.map((s) => [s.id, s]));
  const saved: Subscription[] = [];
  const store: SubscriberStore = {
    get: async (id) => rows.get(id),
    save: async (sub) => {
      saved.push(sub);
      rows.set(sub.id, sub);
      return sub;
    },
  };
  const log = { info: () => {}, warn: () => {}, error: () => {} };
  const feedbackLoopDomains = ['mail.ru', 'yahoo.com'];
  const weeks = new MemoryReaderWeeks();
  const now = () => 1_700_000_000_000;
  return { store, ring, idKey, now, log, weeks, timeZone: 'UTC', inboundDomain: DOMAIN, feedbackLoopDomains, saved };
}

const confirmed: Subscription = {
  id: readerId,
  address: sealed(READER, readerId),
  language: 'ru',
  status: 'confirmed',
  version: 1,
  createdAt: 1,
  updatedAt: 1,
  consent: { requestedAt: 1, language: 'ru', networkHash: 'x', source: 'test', textVersion: 't' },
};

async function receive(deps: InboundDeps, raw: string, to: string, sender = '', authenticatedDomains?: string[]) {
  const mail = await readInboundMail(Buffer.from(raw), {
    recipients: [to],
    sender,
    ...(authenticatedDomains ? { authenticatedDomains } : {}),
  });
  if (!mail) throw new Error('not parsed');
  return receiveMail(deps, mail);
}

const original = (listUnsubscribe: string) =>
  `From: Belarus Weekly <weekly@example.org>\nTo: ${READER}\nSubject: Digest\nList-Unsubscribe: ${listUnsubscribe}\n\nBody`;

describe('receiving a feedback report', () => {
  it('trusts nobody when the original carries a forged unsubscribe address, not even Original-Rcpt-To', async () => {
    const deps = depsWith([confirmed]);
    const real = unsubscribeAddress(ring, readerId, DOMAIN) as string;
    const forged = real.replace(/-[0-9a-f]{20}@/, `-${'1'.repeat(20)}@`);
    const raw = mailFixture('mailru-arf.eml', {
      to: `fbl@${DOMAIN}`,
      recipient: READER,
      original: original(`<mailto:${forged}?subject=unsubscribe>`),
    });
    expect(await receive(deps, raw, `fbl@${DOMAIN}`)).toEqual({ action: 'dropped', reason: 'forged-token' });
    expect(deps.saved).toEqual([]);
  });

  it('names nobody when the recipient is redacted and the original has no signed address', async () => {
    const deps = depsWith([confirmed]);
    const raw = mailFixture('mailru-arf.eml', {
      to: `fbl@${DOMAIN}`,
      recipient: 'redacted',
      original: original('<https://weekly.example.org/unsubscribe?token=x>'),
    });
    expect(await receive(deps, raw, `fbl@${DOMAIN}`, '', ['corp.mail.ru'])).toEqual({
      action: 'dropped',
      reason: 'unknown-reader',
    });
    expect(deps.saved).toEqual([]);
  });

  it('is idempotent: a second report about a complained reader writes nothing', async () => {
    const deps = depsWith([{ ...confirmed, status: 'complained' }]);
    const raw = mailFixture('mailru-arf.eml', { to: `fbl@${DOMAIN}`, recipient: READER, original: original('<x>') });
    expect(await receive(deps, raw, `fbl@${DOMAIN}`, '', ['corp.mail.ru'])).toEqual({
      action: 'complained',
      subscriberId: readerId,
    });
    expect(deps.saved).toEqual([]);
  });

  // Anyone can write a report naming a victim in Original-Rcpt-To (issue 20 item 2).
  it.each([
    ['not authenticated at all (the SMTP stand-in checks nothing)', undefined],
    ['authenticated for a domain that is not a feedback loop', ['attacker.example']],
    ['authenticated for a look-alike of an allowlisted domain', ['evilmail.ru']],
  ])('ignores Original-Rcpt-To in a report %s', async (_what, authenticated) => {
    const deps = depsWith([confirmed]);
    const raw = mailFixture('mailru-arf.eml', { to: `fbl@${DOMAIN}`, recipient: READER, original: original('<x>') });
    expect(await receive(deps, raw, `fbl@${DOMAIN}`, 'abuse@attacker.example', authenticated)).toEqual({
      action: 'dropped',
      reason: 'unauthenticated-report',
    });
    expect(deps.saved).toEqual([]);
  });

  it('takes Original-Rcpt-To from a report that passed for a feedback loop (a subdomain of mail.ru)', async () => {
    const deps = depsWith([confirmed]);
    const raw = mailFixture('mailru-arf.eml', { to: `fbl@${DOMAIN}`, recipient: READER, original: original('<x>') });
    expect(await receive(deps, raw, `fbl@${DOMAIN}`, '', ['corp.mail.ru'])).toEqual({
      action: 'complained',
      subscriberId: readerId,
    });
    expect(deps.saved.map((s) => s.status)).toEqual(['complained']);
  });

  it('takes the signed address of the original from any report, authenticated or not', async () => {
    const deps = depsWith([confirmed]);
    const signed = unsubscribeAddress(ring, readerId, DOMAIN) as string;
    const raw = mailFixture('mailru-arf.eml', {
      to: `fbl@${DOMAIN}`,
      recipient: 'redacted',
      original: original(`<mailto:${signed}?subject=unsubscribe>`),
    });
    expect(await receive(deps, raw, `fbl@${DOMAIN}`, 'abuse@attacker.example')).toEqual({
      action: 'complained',
      subscriberId: readerId,
    });
  });
});

describe('receiving mail at an unsubscribe address', () => {
  it('changes nothing for a reader whose record was erased', async () => {
    const deps = depsWith([]);
    const to = unsubscribeAddress(ring, readerId, DOMAIN) as string;
    const raw = mailFixture('unsubscribe.eml', { from: READER, to });
    expect(await receive(deps, raw, to, READER)).toEqual({ action: 'dropped', reason: 'unknown-reader' });
  });

  it('sets aside an old-style auto-responder marked only by Precedence: auto_reply', async () => {
    const deps = depsWith([confirmed]);
    const to = unsubscribeAddress(ring, readerId, DOMAIN) as string;
    const raw = mailFixture('unsubscribe.eml', { from: READER, to }).replace(
      'MIME-Version',
      'Precedence: auto_reply\nMIME-Version',
    );
    expect(await receive(deps, raw, to, READER)).toEqual({ action: 'dropped', reason: 'auto-reply' });
    expect(deps.saved).toEqual([]);
  });
});
