import { beforeEach, describe, expect, it } from 'vitest';
import { deliverBatch } from '../../../functions/app/deliver.ts';
import { addressOf } from '../../support/address-cipher.ts';
import type { MemoryWorld } from '../../support/memory/world.ts';
import type { aSubscription } from '../../support/subscriptions.ts';
import { addReaders, deliveryWorld, digest, E } from './deliver-world.ts';

let w: MemoryWorld;
const readers = (n: number, over: Parameters<typeof aSubscription>[0] = {}) => addReaders(w, n, over);

beforeEach(async () => {
  w = await deliveryWorld();
});

describe('deliverBatch', () => {
  it('mails each confirmed reader the personalised digest with one-click unsubscribe headers and records it', async () => {
    const [a, b] = await readers(2);
    const outcome = await deliverBatch(w.deliver(), { edition: E, language: 'en', ids: [a?.id, b?.id] as string[] });
    expect(outcome).toEqual({ sent: 2, skipped: 0, failed: 0, duplicates: 0 });
    const [mail] = w.mailer.to(addressOf(a));
    expect(mail?.subject).toBe('Weekly en');
    const url = mail?.text.match(/Unsubscribe: (\S+)/)?.[1] as string;
    expect(url).toMatch(/^https:\/\/news\.example\.org\/unsubscribe\?token=t1\.manage\./);
    expect(mail?.html).toContain(url.replace(/&/g, '&amp;'));
    expect(mail?.headers).toEqual([
      { name: 'List-Unsubscribe', value: `<${url}>` },
      { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
      // One list per language (issue 15), and bulk mail says so.
      { name: 'List-Id', value: '<en.weekly.example.org>' },
      { name: 'Precedence', value: 'bulk' },
    ]);
    expect(mail?.tags).toEqual({ edition: E, subscriber: a?.id, kind: 'digest' });
    expect((await w.deliveries.list(E)).map((d) => d.status)).toEqual(['sent', 'sent']);
  });

  it('mails nobody twice when the same batch comes again', async () => {
    const ids = (await readers(3)).map((r) => r.id);
    await deliverBatch(w.deliver(), { edition: E, language: 'en', ids });
    const again = await deliverBatch(w.deliver(), { edition: E, language: 'en', ids });
    expect(again).toEqual({ sent: 0, skipped: 0, failed: 0, duplicates: 3 });
    expect(w.mailer.sent).toHaveLength(3);
  });

  it('skips readers who left or were erased since dispatch, and records why', async () => {
    const [stays, left] = await readers(2);
    await w.subscribers.save({ ...(left as NonNullable<typeof left>), status: 'unsubscribed' });
    const outcome = await deliverBatch(w.deliver(), {
      edition: E,
      language: 'en',
      ids: [stays?.id, left?.id] as string[],
    });
    expect(outcome).toMatchObject({ sent: 1, skipped: 1 });
    expect(w.mailer.to(addressOf(left))).toEqual([]);
    expect(w.deliveries.items.get(`${E}#${left?.id}`)?.details).toEqual({ reason: 'unsubscribed' });
  });

  it('sends a reader who switched language the digest of their new language when it was rendered', async () => {
    await w.renders.put(E, 'be', digest('be'));
    const [switched] = await readers(1, { language: 'be' });
    await deliverBatch(w.deliver(), { edition: E, language: 'en', ids: [switched?.id as string] });
    expect(w.mailer.sent[0]?.subject).toBe('Weekly be');
    expect(w.deliveries.items.get(`${E}#${switched?.id}`)?.details).toMatchObject({ sentIn: 'be' });
  });

  it('claims nobody while the digest is not readable yet', async () => {
    const ids = (await readers(2)).map((r) => r.id);
    const outcome = await deliverBatch(w.deliver(), { edition: '2026-W49', language: 'en', ids });
    expect(outcome.retry).toBe('not-rendered');
    expect(await w.deliveries.list('2026-W49')).toEqual([]);
  });

  it.each(['throttled', 'transient', 'blocked'] as const)(
    'stops at a %s SES answer and releases that reader for the retry',
    async (kind) => {
      const ids = (await readers(3)).map((r) => r.id);
      w.mailer.fail = (mail) => (mail.to === addressOf(w.subscribers.items.get(ids[1] as string)) ? kind : undefined);
      const outcome = await deliverBatch(w.deliver(), { edition: E, language: 'en', ids });
      expect(outcome).toMatchObject({ sent: 1, retry: kind });
      expect(w.deliveries.items.get(`${E}#${ids[1]}`)?.status).toBe('retry');
      expect(w.deliveries.items.has(`${E}#${ids[2]}`)).toBe(false);
      w.mailer.fail = () => undefined;
      expect(await deliverBatch(w.deliver(), { edition: E, language: 'en', ids })).toMatchObject({ sent: 2 });
    },
  );

  it('settles a reader whose SES answer was lost as uncertain, never sends them again, and defers the rest', async () => {
    const ids = (await readers(3)).map((r) => r.id);
    const lost = addressOf(w.subscribers.items.get(ids[1] as string));
    w.mailer.fail = (mail) => (mail.to === lost ? 'uncertain' : undefined);
    const outcome = await deliverBatch(w.deliver(), { edition: E, language: 'en', ids });
    expect(outcome).toMatchObject({ sent: 1, uncertain: 1, retry: 'transient' });
    expect(w.deliveries.items.get(`${E}#${ids[1]}`)?.status).toBe('uncertain');
    w.mailer.fail = () => undefined;
    expect(await deliverBatch(w.deliver(), { edition: E, language: 'en', ids })).toMatchObject({ sent: 1 });
    expect(w.mailer.sent.filter((m) => m.to === lost)).toHaveLength(0);
  });

  it('records a rejected message as failed for that reader and goes on with the rest', async () => {
    const ids = (await readers(2)).map((r) => r.id);
    w.mailer.fail = (mail) =>
      mail.to === addressOf(w.subscribers.items.get(ids[0] as string)) ? 'rejected' : undefined;
    const outcome = await deliverBatch(w.deliver(), { edition: E, language: 'en', ids });
    expect(outcome).toEqual({ sent: 1, skipped: 0, failed: 1, duplicates: 0 });
    expect(w.deliveries.items.get(`${E}#${ids[0]}`)?.status).toBe('failed');
  });

  it('stops claiming at its deadline and says the rest must come back', async () => {
    const ids = (await readers(2)).map((r) => r.id);
    const outcome = await deliverBatch(w.deliver(), { edition: E, language: 'en', ids }, { deadline: w.clock.now });
    expect(outcome).toMatchObject({ sent: 0, retry: 'out-of-time' });
    expect(await w.deliveries.list(E)).toEqual([]);
  });

  it('takes over a claim left by a consumer that died once it is older than the claim timeout', async () => {
    const [r] = await readers(1);
    await w.deliveries.claim(E, r?.id as string, 'en', w.clock.now, 0);
    expect(await deliverBatch(w.deliver(), { edition: E, language: 'en', ids: [r?.id as string] })).toMatchObject({
      duplicates: 1,
    });
    w.clock.now += 180_001;
    expect(await deliverBatch(w.deliver(), { edition: E, language: 'en', ids: [r?.id as string] })).toMatchObject({
      sent: 1,
    });
  });

  it('logs no address', async () => {
    const ids = (await readers(2)).map((r) => r.id);
    w.mailer.fail = () => 'rejected';
    await deliverBatch(w.deliver(), { edition: E, language: 'en', ids });
    expect(JSON.stringify(w.log.lines)).not.toContain('@');
  });
});
