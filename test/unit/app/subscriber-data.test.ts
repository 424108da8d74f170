import { beforeEach, describe, expect, it } from 'vitest';
import { eraseSubscriber, exportSubscriber, withIsoTimes } from '../../../functions/app/subscriber-data.ts';
import { canonicalMailbox, mailboxIdFor } from '../../../functions/core/canonical-mailbox.ts';
import { subscriberIdFor } from '../../../functions/core/identity.ts';
import { testCipher } from '../../support/address-cipher.ts';
import { settled } from '../../support/deliveries.ts';
import { MemoryErasureMarkers } from '../../support/memory/erasure-markers.ts';
import { MemoryWelcomeLedger } from '../../support/memory/welcome-ledger.ts';
import { type MemoryWorld, memoryWorld } from '../../support/memory/world.ts';
import { aSubscription } from '../../support/subscriptions.ts';

let w: MemoryWorld;
const iso = (ms: number) => new Date(ms).toISOString();
let welcomes: MemoryWelcomeLedger;
let erasures: MemoryErasureMarkers;
const deps = () => ({
  store: w.subscribers,
  cipher: testCipher,
  deliveries: w.deliveries,
  feedback: w.feedback,
  welcomes,
  mailboxes: w.mailboxes,
  idKey: w.idKey,
  now: w.now,
  weeks: w.weeks,
  timeZone: 'Europe/Minsk',
  erasures,
  // The import marks' erasure is tested against dynalite (test/integration/import/import-erasure.test.ts).
  imports: { eraseReader: async () => {} },
});

beforeEach(() => {
  w = memoryWorld();
  welcomes = new MemoryWelcomeLedger();
  erasures = new MemoryErasureMarkers();
});

describe('withIsoTimes', () => {
  it('writes `at` and `…At` fields as ISO 8601 at any depth, and nothing else', () => {
    expect(
      withIsoTimes({
        createdAt: 0,
        version: 3,
        consent: { requestedAt: 1_000 },
        log: [{ at: 86_400_000, n: 1 }],
        Atlas: 5,
      }),
    ).toEqual({
      createdAt: '1970-01-01T00:00:00.000Z',
      version: 3,
      consent: { requestedAt: '1970-01-01T00:00:01.000Z' },
      log: [{ at: '1970-01-02T00:00:00.000Z', n: 1 }],
      Atlas: 5,
    });
  });
});

describe('exportSubscriber and eraseSubscriber', () => {
  it('exports what is held about an address, found by its normalised form', async () => {
    const sub = await w.subscribers.save(
      aSubscription({ id: subscriberIdFor(w.idKey, 'data.subject@example.org'), email: 'Data.Subject@example.org' }),
    );
    const { address: _sealed, ...record } = sub;
    // The export is the one answer that opens the address: as it was stored, in clear.
    expect(await exportSubscriber(deps(), ' DATA.subject@EXAMPLE.org ')).toEqual({
      ...(withIsoTimes(record) as object),
      email: 'Data.Subject@example.org',
      deliveries: [],
      welcomes: [],
      mailboxLog: [],
    });
    expect(await exportSubscriber(deps(), 'other@example.org')).toBeUndefined();
  });

  it('erases the reader for good and says whether anything was held', async () => {
    const sub = await w.subscribers.save(aSubscription({ id: subscriberIdFor(w.idKey, 'erase.me@example.org') }));
    expect(await eraseSubscriber(deps(), 'erase.me@example.org')).toBe(true);
    expect(await w.subscribers.get(sub.id)).toBeUndefined();
    expect(await eraseSubscriber(deps(), 'erase.me@example.org')).toBe(false);
  });

  it("exports the reader's per-edition delivery records, and erase removes them too", async () => {
    const sub = await w.subscribers.save(aSubscription({ id: subscriberIdFor(w.idKey, 'records@example.org') }));
    const other = await w.subscribers.save(aSubscription());
    for (const id of [sub.id, other.id]) {
      await settled(w.deliveries, '2026-W48', id, 'en', 'sent', { messageId: `m-${id}` }, w.clock.now);
    }
    const data = await exportSubscriber(deps(), 'records@example.org');
    expect(data?.deliveries).toEqual([
      {
        edition: '2026-W48',
        subscriberId: sub.id,
        language: 'en',
        status: 'sent',
        attempts: 1,
        details: { claimedAt: iso(w.clock.now), messageId: `m-${sub.id}` },
      },
    ]);
    await w.feedback.mark('2026-W48', sub.id, 'en', 'bounced', w.clock.now);
    await w.feedback.mark('2026-W48', other.id, 'en', 'bounced', w.clock.now);
    await eraseSubscriber(deps(), 'records@example.org');
    expect(await w.deliveries.ofReader(sub.id)).toEqual([]);
    expect(w.feedback.editions.get('2026-W48')?.get('bounced_en')).toEqual(new Set([other.id]));
    expect(
      (await w.deliveries.list('2026-W48')).map((d) => [d.subscriberId.replace(/^erased-.*/, 'erased'), d.status]),
    ).toEqual([
      [other.id, 'sent'],
      ['erased', 'sent'],
    ]);
  });

  it('exports and erases the welcomes and the canonical mailbox log, not another mailbox', async () => {
    const sub = await w.subscribers.save(aSubscription({ id: subscriberIdFor(w.idKey, 'reader+news@gmail.com') }));
    const mailbox = mailboxIdFor(w.idKey, canonicalMailbox('reader+news@gmail.com'));
    const other = mailboxIdFor(w.idKey, canonicalMailbox('someone@gmail.com'));
    expect(mailbox).toBe(mailboxIdFor(w.idKey, 'reader@gmail.com'));
    await w.mailboxes.take(mailbox, 'request-1', w.clock.now);
    await w.mailboxes.take(other, 'request-2', w.clock.now);
    await welcomes.claim(sub.id, w.clock.now, w.clock.now, 0);
    await welcomes.settle(sub.id, w.clock.now, 'welcome-1', w.clock.now + 5);
    const data = await exportSubscriber(deps(), 'Reader+News@gmail.com');
    expect(data?.welcomes).toEqual([
      {
        confirmedAt: iso(w.clock.now),
        status: 'sent',
        claimedAt: iso(w.clock.now),
        sentAt: iso(w.clock.now + 5),
        messageId: 'welcome-1',
      },
    ]);
    expect(data?.mailboxLog).toEqual([{ at: iso(w.clock.now), request: 'request-1' }]);
    await eraseSubscriber(deps(), 'reader+news@gmail.com');
    expect(await welcomes.ofReader(sub.id)).toEqual([]);
    expect(await w.mailboxes.slots(mailbox)).toEqual([]);
    expect(await w.mailboxes.slots(other)).toHaveLength(1);
  });

  it("leaves only a suppression marker, and takes the reader out of the weeks' sets, not other readers", async () => {
    const sub = await w.subscribers.save(aSubscription({ id: subscriberIdFor(w.idKey, 'weeks@example.org') }));
    const other = await w.subscribers.save(aSubscription());
    for (const id of [sub.id, other.id]) {
      await w.weeks.mark('2026-W48', id, 'confirmed', w.clock.now);
      await w.weeks.mark('2026-W46', id, 'unsubscribed', w.clock.now);
    }
    await eraseSubscriber(deps(), 'weeks@example.org');
    expect(await w.weeks.counts('2026-W48')).toEqual({ confirmed: 1, unsubscribed: 0 });
    expect(await w.weeks.counts('2026-W46')).toEqual({ confirmed: 0, unsubscribed: 1 });
    expect(w.weeks.weeks.get('2026-W48/confirmed')).toEqual(new Set([other.id]));
    expect([...erasures.markers]).toEqual([[sub.id, w.clock.now]]);
  });
});
