import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StandIn, startSes } from '../../local/stand-ins.ts';
import { useStoppedClock } from '../support/clock.ts';
import {
  linkIn,
  postForm,
  postJson,
  readerIdOf,
  type StoredEmail,
  tableItems,
  useLocalStack,
} from '../support/local.ts';
import { type FaultProxy, startFaultProxy } from '../support/ses-fault-proxy.ts';

// The SES stand-in behind a proxy that fails the first sends to chosen addresses, as SES does now and then.
const failFirst = new Map<string, number>();
const attempts = new Map<string, number>();
const answerLost = new Set<string>();
const env: Record<string, string> = { MAIL_COOLDOWN_SECONDS: '1', MAIL_MAX_PER_DAY: '3' };
// The clock stands still unless a test moves it: a 1-second cooldown does not run out on a slow machine.
const clock = useStoppedClock();
let upstream: StandIn;
let proxy: FaultProxy;
beforeAll(async () => {
  upstream = await startSes();
  proxy = await startFaultProxy(upstream.endpoint, (_path, body) => {
    const to = ((body as { Destination?: { ToAddresses?: string[] } })?.Destination?.ToAddresses ?? [])[0] ?? '';
    attempts.set(to, (attempts.get(to) ?? 0) + 1);
    if (answerLost.has(to)) return 'accepted-500';
    const left = failFirst.get(to) ?? 0;
    if (left === 0) return 'pass';
    failFirst.set(to, left - 1);
    // A refusal SES certainly did not act on (a 5xx may follow an acceptance: never resent).
    return 'throttle';
  });
  env.AWS_ENDPOINT_URL_SESV2 = proxy.endpoint;
});
const stack = useLocalStack(env);
afterAll(async () => {
  await proxy?.close();
  await upstream?.close();
});

/** The e-mails SES accepted, once every queued confirmation has been handled. */
async function mails(to?: string | RegExp): Promise<StoredEmail[]> {
  await stack.current.drain();
  const { emails } = (await (await fetch(`${upstream.endpoint}/store`)).json()) as { emails: StoredEmail[] };
  if (to === undefined) return emails;
  const match = (t: string) => (typeof to === 'string' ? t.toLowerCase() === to.toLowerCase() : to.test(t));
  return emails.filter((e) => e.destination.to.some(match));
}

async function subscriber(email: string) {
  return (await tableItems(stack.current)).find(
    (i) => i.kind === 'subscriber' && i.id === readerIdOf(stack.current, email),
  );
}

let ip = 0;
const subscribe = (email: string, language = 'en') =>
  postJson(stack.current, '/subscribe', { email, language }, `203.0.113.${++ip % 250}`);
const tokenOf = (mail: StoredEmail | undefined) =>
  new URL(linkIn(mail as StoredEmail, `${stack.current.apiUrl}/confirm?token=`)).searchParams.get('token') as string;

describe('one mailbox, many spellings', () => {
  it('mails a Gmail mailbox once however its address is spelt (+tags, dots, googlemail.com, case)', async () => {
    const spellings = [
      ...Array.from({ length: 7 }, (_, i) => `victim+${i + 1}@gmail.com`),
      'v.i.c.t.i.m@gmail.com',
      'Victim@GoogleMail.com',
      'VICTIM+x@googlemail.com',
    ];
    for (const email of spellings) expect((await subscribe(email)).status).toBe(202);
    expect(await mails(/^v\.?i\.?c\.?t\.?i\.?m(\+.*)?@(gmail|googlemail)\.com$/i)).toHaveLength(1);
    // All within the cooldown by the functions' clock, whatever the machine's speed: one slot, taken at that time.
    const logs = (await tableItems(stack.current)).filter((i) => i.kind === 'mailbox');
    expect(logs.flatMap((i) => i.log as { at: number }[]).map((slot) => slot.at)).toEqual([clock.now()]);
  });

  it('keeps other mailboxes apart: dots count outside Gmail, and each address keeps its own subscription', async () => {
    for (const email of ['a.reader@example.org', 'areader@example.org', 'a.reader@gmail.com'])
      expect((await subscribe(email)).status).toBe(202);
    expect(await mails('a.reader@example.org')).toHaveLength(1);
    expect(await mails('areader@example.org')).toHaveLength(1);
    expect(await mails('a.reader@gmail.com')).toHaveLength(1);
    expect(await subscriber('areader@example.org')).toMatchObject({ status: 'pending' });
  });

  it('applies the daily cap per mailbox across spellings', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await subscribe(`capped+${i}@example.org`)).status).toBe(202);
      await mails();
      clock.advance(1_100);
    }
    expect(await mails(/^capped\+\d@example\.org$/)).toHaveLength(3);
  });
});

describe('a confirmation e-mail SES refused (throttled)', () => {
  it('is sent again, so the reader gets exactly one confirmation', async () => {
    const email = 'ses.fails.once@example.org';
    failFirst.set(email, 2);
    expect((await subscribe(email)).status).toBe(202);
    expect(await mails(email)).toHaveLength(1);
    expect(attempts.get(email)).toBe(3);
  });

  it('does not hold the cooldown slot: a resubmission right away is mailed', async () => {
    const email = 'ses.fails.then.resubmitted@example.org';
    // More failures than the in-process queue's patience: the first request's e-mail is lost for good...
    failFirst.set(email, 10);
    expect((await subscribe(email)).status).toBe(202);
    expect(await mails(email)).toHaveLength(0);
    // ...and the reader, trying again at once, is not told to wait for a cooldown that no e-mail started.
    expect((await subscribe(email)).status).toBe(202);
    expect(await mails(email)).toHaveLength(1);
  });
});

describe('a confirmation e-mail whose answer SES lost', () => {
  it('is not sent again: SES may have taken it (a 500 after acceptance)', async () => {
    const email = 'ses.answer.lost@example.org';
    answerLost.add(email);
    expect((await subscribe(email)).status).toBe(202);
    expect(await mails(email)).toHaveLength(1);
    expect(attempts.get(email)).toBe(1);
  });
});

describe('a pending subscription', () => {
  it('is not rewritten by a second request within the cooldown; the reader’s link confirms what they asked for', async () => {
    const email = 'pending.rewrite@example.org';
    expect((await subscribe(email, 'be')).status).toBe(202);
    const [first] = await mails(email);
    const before = await subscriber(email);
    // Someone else, at once, with another language and another page.
    expect((await subscribe(email, 'ru')).status).toBe(202);
    expect(await mails(email)).toHaveLength(1);
    expect(await subscriber(email)).toEqual(before);
    expect((await postForm(stack.current, '/confirm', { token: tokenOf(first) })).status).toBe(200);
    expect(await subscriber(email)).toMatchObject({ status: 'confirmed', language: 'be' });
  });

  it('changes only with a new confirmation e-mail, and the earlier link then confirms nothing', async () => {
    const email = 'pending.renewed@example.org';
    await subscribe(email, 'be');
    const [first] = await mails(email);
    clock.advance(1_100);
    await subscribe(email, 'ru');
    const [, second] = await mails(email);
    expect(second?.subject).toMatch(/Подтвердите/);
    expect(await subscriber(email)).toMatchObject({ status: 'pending', language: 'ru' });
    expect((await postForm(stack.current, '/confirm', { token: tokenOf(first) })).status).toBe(400);
    expect(await subscriber(email)).toMatchObject({ status: 'pending' });
    expect((await postForm(stack.current, '/confirm', { token: tokenOf(second) })).status).toBe(200);
    expect(await subscriber(email)).toMatchObject({ status: 'confirmed', language: 'ru' });
  });

  it('keeps exactly the consent evidence (times, request id, text version, source, network hashes), no device', async () => {
    const email = 'evidence@example.org';
    const origin = new URL(stack.current.apiUrl).origin;
    const post = (path: string, body: string, type: string, ip: string, agent: string) =>
      fetch(`${stack.current.apiUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': type, 'user-agent': agent, 'x-forwarded-for': ip, origin },
        body,
      });
    const subscribed = await post(
      '/subscribe',
      JSON.stringify({ email, language: 'en' }),
      'application/json',
      '198.51.100.77',
      'Subscribing Browser/1.0',
    );
    expect(subscribed.status).toBe(202);
    const [mail] = await mails(email);
    const form = new URLSearchParams({ token: tokenOf(mail) }).toString();
    // Confirmed from another address of the same /24: the same network, so the same hash.
    const res = await post('/confirm', form, 'application/x-www-form-urlencoded', '198.51.100.9', 'Confirming/2.0');
    expect(res.status).toBe(200);
    const { consent } = (await subscriber(email)) as { consent: Record<string, unknown> };
    expect(Object.keys(consent).sort()).toEqual([
      'confirmation',
      'confirmedAt',
      'language',
      'networkHash',
      'requestId',
      'requestedAt',
      'source',
      'textVersion',
    ]);
    expect(consent).toMatchObject({ language: 'en', source: origin, textVersion: expect.any(String) });
    expect(consent.networkHash).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(consent.confirmation).toEqual({ at: consent.confirmedAt, networkHash: consent.networkHash });
    // Nothing of the device anywhere in the table: no user agent, no client address.
    const all = JSON.stringify(await tableItems(stack.current));
    for (const trace of [
      'Subscribing Browser',
      'Confirming/2.0',
      '198.51.100.77',
      '198.51.100.9',
      'userAgent',
      'ipHash',
    ])
      expect(all, trace).not.toContain(trace);
  });
});
