import { beforeEach, describe, expect, it } from 'vitest';
import { applySesEvent } from '../../../functions/app/ses-events.ts';
import { subscriberIdFor } from '../../../functions/core/identity.ts';
import { settled } from '../../support/deliveries.ts';
import { type MemoryWorld, memoryWorld } from '../../support/memory/world.ts';
import { aSubscription } from '../../support/subscriptions.ts';

const E = '2026-W48';
let w: MemoryWorld;
const deps = () => ({
  store: w.subscribers,
  deliveries: w.deliveries,
  feedback: w.feedback,
  idKey: w.idKey,
  now: w.now,
  log: w.log,
});

async function reader(email: string) {
  const sub = await w.subscribers.save(aSubscription({ id: subscriberIdFor(w.idKey, email), email }));
  await settled(w.deliveries, E, sub.id, 'en', 'sent', { messageId: 'm' }, w.clock.now);
  return sub;
}

beforeEach(() => {
  w = memoryWorld();
});

describe('applySesEvent', () => {
  it('makes a permanently bounced reader `bounced` and marks the edition delivery', async () => {
    const sub = await reader('gone@example.org');
    await applySesEvent(deps(), { kind: 'permanent-bounce', recipients: ['Gone@Example.org'], edition: E });
    expect((await w.subscribers.get(sub.id))?.status).toBe('bounced');
    expect((await w.deliveries.list(E))[0]).toMatchObject({ status: 'bounced' });
  });

  it('makes a complaining reader `complained`', async () => {
    const sub = await reader('angry@example.org');
    await applySesEvent(deps(), { kind: 'complaint', recipients: ['angry@example.org'], edition: E });
    expect((await w.subscribers.get(sub.id))?.status).toBe('complained');
    expect((await w.deliveries.list(E))[0]).toMatchObject({ status: 'complained' });
  });

  it("puts a bounced reader in the edition's set once, in the record's language, however often the event comes", async () => {
    const sub = await reader('twice@example.org');
    const event = { kind: 'permanent-bounce', recipients: ['twice@example.org'], edition: E } as const;
    await applySesEvent(deps(), event);
    await applySesEvent(deps(), event);
    expect(await w.feedback.counts(E)).toEqual({ en: { bounced: 1, complained: 0 } });
    expect(w.feedback.editions.get(E)?.get('bounced_en')).toEqual(new Set([sub.id]));
  });

  it('only counts a transient bounce', async () => {
    const sub = await reader('full@example.org');
    await applySesEvent(deps(), { kind: 'transient-bounce', recipients: ['full@example.org'], edition: E });
    expect(await w.subscribers.get(sub.id)).toMatchObject({ status: 'confirmed', transientBounces: 1 });
    expect((await w.deliveries.list(E))[0]).toMatchObject({ status: 'sent', transientBounces: 1 });
    expect(await w.feedback.counts(E)).toEqual({});
  });

  it('falls back to the subscriber tag when the reported address is not one we could store', async () => {
    const sub = await reader('tagged@example.org');
    await applySesEvent(deps(), { kind: 'complaint', recipients: ['not an address'], subscriberId: sub.id });
    expect((await w.subscribers.get(sub.id))?.status).toBe('complained');
  });

  it('changes nothing for an address nobody subscribed with', async () => {
    await applySesEvent(deps(), { kind: 'permanent-bounce', recipients: ['stranger@example.org'], edition: E });
    expect(w.subscribers.items.size).toBe(0);
    expect(await w.deliveries.list(E)).toEqual([]);
    expect(await w.feedback.counts(E)).toEqual({});
  });
});
