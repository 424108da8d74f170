import { beforeEach, describe, expect, it } from 'vitest';
import { deliverBatch } from '../../../functions/app/deliver.ts';
import type { Language } from '../../../functions/core/language.ts';
import { MANAGE_URL_PLACEHOLDER } from '../../../templates/personalize.ts';
import { addressOf } from '../../support/address-cipher.ts';
import { type MemoryWorld, memoryWorld } from '../../support/memory/world.ts';
import { aSubscription } from '../../support/subscriptions.ts';

const E = '2026-W48';
let w: MemoryWorld;

function digest(language: Language) {
  return {
    subject: `Weekly ${language}`,
    html: `<p>${language}</p><a href="${MANAGE_URL_PLACEHOLDER}">unsubscribe</a>`,
    text: `${language}\nUnsubscribe: ${MANAGE_URL_PLACEHOLDER}`,
  };
}

async function readers(n: number, over: Parameters<typeof aSubscription>[0] = {}) {
  return Promise.all(Array.from({ length: n }, () => w.subscribers.save(aSubscription({ language: 'en', ...over }))));
}

beforeEach(async () => {
  w = memoryWorld();
  await w.renders.put(E, 'en', digest('en'));
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

describe('deliverBatch, exactly once under a changing world', () => {
  it('re-reads each reader right before sending: who unsubscribes while the batch is under way is not mailed', async () => {
    const [first, second] = await readers(2);
    w.mailer.beforeSend = async (mail) => {
      if (mail.to !== addressOf(first)) return;
      const current = (await w.subscribers.get(second?.id as string)) as NonNullable<typeof second>;
      await w.subscribers.save({ ...current, status: 'unsubscribed' });
    };
    const outcome = await deliverBatch(w.deliver(), {
      edition: E,
      language: 'en',
      ids: [first?.id, second?.id] as string[],
    });
    expect(outcome).toMatchObject({ sent: 1, skipped: 1 });
    expect(w.mailer.to(addressOf(second))).toEqual([]);
  });

  it('writes nothing under a reader erased while the batch is under way', async () => {
    const [first, second] = await readers(2);
    w.mailer.beforeSend = async (mail) => {
      if (mail.to === addressOf(first)) await w.subscribers.delete(second?.id as string);
    };
    await deliverBatch(w.deliver(), { edition: E, language: 'en', ids: [first?.id, second?.id] as string[] });
    expect(w.mailer.to(addressOf(second))).toEqual([]);
    // Nothing under the erased reader; their claim stays counted as skipped under an id no reader has.
    const listed = await w.deliveries.list(E);
    expect(listed.map((d) => d.subscriberId)).toEqual([first?.id, expect.stringMatching(/^erased-/)]);
    expect(listed[1]).toMatchObject({ status: 'skipped', language: 'en' });
  });

  it('looks once more, after the claim timeout, at a delivery another consumer held, and sends it then', async () => {
    const [held, free] = await readers(2);
    const deps = { ...w.deliver(), queue: w.queue };
    // A consumer claimed the reader and vanished (its own message went to the dead letters).
    await w.deliveries.claim(E, held?.id as string, 'en', w.clock.now, 0);
    const first = await deliverBatch(deps, { edition: E, language: 'en', ids: [held?.id, free?.id] as string[] });
    expect(first).toMatchObject({ sent: 1, duplicates: 1, rechecks: 1 });
    expect(w.queue.batches).toEqual([{ edition: E, language: 'en', ids: [held?.id], recheck: true }]);
    expect(w.queue.delays[0]).toBeGreaterThan(180);
    w.clock.now += (w.queue.delays[0] as number) * 1000;
    const again = await deliverBatch(deps, w.queue.batches[0] as (typeof w.queue.batches)[0]);
    expect(again).toMatchObject({ sent: 1 });
    expect(w.mailer.to(addressOf(held))).toHaveLength(1);
    expect((await w.deliveries.list(E)).every((d) => d.status === 'sent')).toBe(true);
  });

  it('does not re-check a re-check: a delivery held again is left to its holder', async () => {
    const [held] = await readers(1);
    const deps = { ...w.deliver(), queue: w.queue };
    await w.deliveries.claim(E, held?.id as string, 'en', w.clock.now, 0);
    const outcome = await deliverBatch(deps, { edition: E, language: 'en', ids: [held?.id as string], recheck: true });
    expect(outcome).toMatchObject({ duplicates: 1 });
    expect(outcome.rechecks).toBeUndefined();
    expect(w.queue.batches).toEqual([]);
  });

  it('waits out a 24-hour SES sending pause by putting the rest back, never by failing the message', async () => {
    const ids = (await readers(3)).map((r) => r.id);
    const deps = { ...w.deliver(), queue: w.queue };
    const pausedUntil = w.clock.now + 24 * 3_600_000;
    w.mailer.fail = () => (w.clock.now < pausedUntil ? 'blocked' : undefined);
    let batch: (typeof w.queue.batches)[0] = { edition: E, language: 'en', ids };
    let rounds = 0;
    for (;;) {
      const outcome = await deliverBatch(deps, batch);
      expect(outcome.retry).toBeUndefined();
      if (!outcome.requeued) break;
      rounds++;
      batch = w.queue.batches.at(-1) as typeof batch;
      const delay = w.queue.delays.at(-1) as number;
      expect(delay).toBeLessThanOrEqual(900);
      w.clock.now += delay * 1000;
    }
    // Far more rounds than SQS's 12 receives before the dead-letter queue: each round is a new message.
    expect(rounds).toBeGreaterThan(12);
    expect(w.mailer.sent).toHaveLength(3);
    expect(batch.deferrals).toBe(rounds);
  });

  it('lets the message itself retry (towards the dead-letter queue) once the deferral budget is spent', async () => {
    const ids = (await readers(1)).map((r) => r.id);
    const deps = { ...w.deliver(), queue: w.queue };
    w.mailer.fail = () => 'blocked';
    const since = w.clock.now - 48 * 3_600_000;
    const outcome = await deliverBatch(deps, { edition: E, language: 'en', ids, deferrals: 190, deferredSince: since });
    expect(outcome).toMatchObject({ retry: 'blocked' });
    expect(w.queue.batches).toEqual([]);
  });

  it('puts the rest of a batch back at once when the invocation runs out of time', async () => {
    const ids = (await readers(3)).map((r) => r.id);
    const deps = { ...w.deliver(), queue: w.queue };
    let calls = 0;
    const outcome = await deliverBatch(
      { ...deps, now: () => w.clock.now + (calls++ > 1 ? 10_000 : 0) },
      { edition: E, language: 'en', ids },
      { deadline: w.clock.now + 5_000 },
    );
    expect(outcome).toMatchObject({ sent: 1, requeued: 2 });
    expect(w.queue.batches).toEqual([
      { edition: E, language: 'en', ids: ids.slice(1), deferrals: 0, deferredSince: expect.any(Number) },
    ]);
    expect(w.queue.delays).toEqual([1]);
  });
});
