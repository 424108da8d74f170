import { beforeEach, describe, expect, it } from 'vitest';
import { confirm, inspectConfirmToken } from '../../../functions/app/confirm.ts';
import { changeLanguage, inspectManageToken, unsubscribe } from '../../../functions/app/manage.ts';
import { subscribe } from '../../../functions/app/subscribe.ts';
import { InvalidTokenError } from '../../../functions/core/errors.ts';
import { requestAddress } from '../../support/address-cipher.ts';
import { type MemoryWorld, memoryWorld } from '../../support/memory/world.ts';

let w: MemoryWorld;
const input = (email: string) => ({
  email,
  language: 'be' as const,
  clientAddress: '203.0.113.9',
  source: 'https://example.org/',
});
// Another address of the same /24: the same network hash.
const evidence = { clientAddress: '203.0.113.200' };
const tokenIn = (text: string, path: string) =>
  (text.match(new RegExp(`${path}\\?token=([^\\s)>"]+)`)) as RegExpMatchArray)[1] as string;

beforeEach(() => {
  w = memoryWorld();
});

describe('the subscription use cases', () => {
  it('stores a pending reader and mails one confirmation in their language; confirming makes them confirmed', async () => {
    await subscribe(w.subscribe(), input('new.reader@example.org'));
    const [mail, ...more] = w.mailer.to('new.reader@example.org');
    expect(more).toEqual([]);
    expect(mail?.tags).toEqual({ kind: 'confirm' });
    const [sub] = [...w.subscribers.items.values()];
    expect(sub).toMatchObject({ status: 'pending', language: 'be', version: 1 });
    const token = tokenIn(mail?.text ?? '', '/confirm');
    expect(await inspectConfirmToken(w.subscription(), token)).toEqual({ language: 'be' });
    expect((await w.subscribers.get(sub?.id as string))?.status).toBe('pending');
    const done = await confirm(w.subscription(), token, evidence);
    expect(done.manageUrl).toMatch(/^https:\/\/news\.example\.org\/unsubscribe\?token=/);
    const confirmed = await w.subscribers.get(sub?.id as string);
    expect(confirmed?.status).toBe('confirmed');
    expect(sub?.consent.networkHash).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(confirmed?.consent.confirmation).toEqual({ at: w.clock.now, networkHash: sub?.consent.networkHash });
    await expect(confirm(w.subscription(), token, evidence)).resolves.toMatchObject({ language: 'be' });
  });

  it('mails nothing more within the cooldown, and nothing at all for a filled honeypot', async () => {
    await subscribe(w.subscribe(), input('twice@example.org'));
    w.clock.now += 30_000;
    await subscribe(w.subscribe(), input('twice@example.org'));
    await subscribe(w.subscribe(), { ...input('bot@example.org'), website: 'http://spam.example' });
    expect(w.confirmations.map(requestAddress)).toEqual(['twice@example.org', 'twice@example.org']);
    expect(w.mailer.sent.map((m) => m.to)).toEqual(['twice@example.org']);
    expect(w.subscribers.items.size).toBe(1);
  });

  it('logs a client only as the keyed hash of its network, never its address', async () => {
    const bot = { ...input('bot@example.org'), website: 'http://spam.example' };
    await subscribe(w.subscribe(), bot);
    await subscribe(w.subscribe(), { ...bot, clientAddress: '203.0.113.77' });
    await subscribe(w.subscribe(), input('logged@example.org'));
    await confirm(w.subscription(), tokenIn(w.mailer.sent[0]?.text ?? '', '/confirm'), evidence);
    const dropped = w.log.lines.filter((l) => l.message.startsWith('honeypot'));
    expect(dropped).toHaveLength(2);
    // Two addresses of one /24: one network, one hash.
    expect(dropped[0]?.extra?.networkHash).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(dropped[1]?.extra).toEqual(dropped[0]?.extra);
    expect(JSON.stringify(w.log.lines)).not.toContain('203.0.113');
  });

  it('unsubscribes in one step, idempotently, and switches language through the manage link', async () => {
    await subscribe(w.subscribe(), input('leaving@example.org'));
    await confirm(w.subscription(), tokenIn(w.mailer.sent[0]?.text ?? '', '/confirm'), evidence);
    const [sub] = [...w.subscribers.items.values()];
    const manage = (await confirm(w.subscription(), tokenIn(w.mailer.sent[0]?.text ?? '', '/confirm'), evidence))
      .manageUrl;
    const token = new URL(manage).searchParams.get('token') as string;
    expect(await changeLanguage(w.subscription(), token, 'ru')).toEqual({ language: 'ru', status: 'confirmed' });
    expect(await inspectManageToken(w.subscription(), token)).toEqual({ language: 'ru', status: 'confirmed' });
    expect(await unsubscribe(w.subscription(), token)).toEqual({ language: 'ru', status: 'unsubscribed' });
    expect(await unsubscribe(w.subscription(), token)).toEqual({ language: 'ru', status: 'unsubscribed' });
    expect((await w.subscribers.get(sub?.id as string))?.status).toBe('unsubscribed');
  });

  it('refuses a confirm link issued before the latest unsubscribe', async () => {
    await subscribe(w.subscribe(), input('old.link@example.org'));
    const token = tokenIn(w.mailer.sent[0]?.text ?? '', '/confirm');
    const manage = (await confirm(w.subscription(), token, evidence)).manageUrl;
    w.clock.now += 1000;
    await unsubscribe(w.subscription(), new URL(manage).searchParams.get('token') as string);
    await expect(confirm(w.subscription(), token, evidence)).rejects.toBeInstanceOf(InvalidTokenError);
  });
});
