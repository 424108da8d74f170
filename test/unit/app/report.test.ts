import { describe, expect, it } from 'vitest';
import { deliverBatch } from '../../../functions/app/deliver.ts';
import { dispatch } from '../../../functions/app/dispatch.ts';
import type { HeldClaim } from '../../../functions/app/ports/delivery-store.ts';
import { completedReport, editionReport } from '../../../functions/app/report.ts';
import { claimOf, settled } from '../../support/deliveries.ts';
import { importFixtures } from '../../support/memory/fixtures.ts';
import { memoryWorld } from '../../support/memory/world.ts';
import { aSubscription } from '../../support/subscriptions.ts';

describe('editionReport', () => {
  it('says an edition was not started', async () => {
    const w = memoryWorld();
    expect(await editionReport(w, '2026-W48')).toEqual({
      edition: '2026-W48',
      status: 'not-started',
      skippedLanguages: [],
      languages: {},
    });
  });

  it('adds the delivery records up per planned language, next to the skipped languages', async () => {
    const w = memoryWorld();
    await importFixtures(w, ['en']);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await w.subscribers.save(aSubscription({ language: 'en' }))).id);
    await dispatch(w.dispatch(), { edition: '2026-W48' });
    const [a, b, c] = ids as [string, string, string];
    const claims = [];
    for (const id of [a, b, c]) claims.push(await claimOf(w.deliveries, '2026-W48', id, 'en', w.clock.now));
    await w.deliveries.settle(claims[0] as HeldClaim, 'sent');
    await w.deliveries.settle(claims[1] as HeldClaim, 'sent');
    // A claim given back for a retry is pending; a claim under way has no record yet (unhandled, like the fourth).
    await w.deliveries.settle(claims[2] as HeldClaim, 'retry', { reason: 'throttled' });
    await w.deliveries.feedback('2026-W48', b, 'bounced');
    const report = await editionReport(w, '2026-W48');
    expect(report).toMatchObject({ status: 'dispatched', skippedLanguages: ['be', 'ru'] });
    expect(report.languages.en).toEqual({
      planned: 4,
      sent: 2,
      failed: 0,
      skipped: 0,
      bounced: 1,
      complained: 0,
      pending: 1,
      unhandled: 1,
      uncertain: 0,
    });
    expect(await completedReport(w, '2026-W48')).toBeUndefined();
    expect(w.summaries.items.size).toBe(0);
  });

  it('once complete, stores the summary and reads it and the feedback sets instead of the delivery records', async () => {
    const w = memoryWorld();
    await importFixtures(w, ['en', 'be']);
    const subs = [];
    for (const language of ['en', 'en', 'en', 'be'] as const)
      subs.push(await w.subscribers.save(aSubscription({ language })));
    await dispatch(w.dispatch(), { edition: '2026-W48' });
    const outcomes = ['sent', 'sent', 'failed', 'skipped'] as const;
    for (const [i, s] of subs.entries()) {
      await settled(
        w.deliveries,
        '2026-W48',
        s.id,
        s.language,
        outcomes[i] as (typeof outcomes)[number],
        {},
        w.clock.now,
      );
    }
    const first = subs[0]?.id as string;
    await w.deliveries.feedback('2026-W48', first, 'complained');
    await w.feedback.mark('2026-W48', first, 'en', 'complained', w.clock.now);
    const complete = await completedReport(w, '2026-W48');
    expect(w.summaries.items.get('2026-W48')).toEqual({
      en: { planned: 3, sent: 2, failed: 1, skipped: 0 },
      be: { planned: 1, sent: 0, failed: 0, skipped: 1 },
    });
    // The delivery records are no longer read: gone, the report stays the same.
    w.deliveries.items.clear();
    const report = await editionReport(w, '2026-W48');
    expect(report).toEqual(complete);
    expect(report.languages.en).toEqual({
      planned: 3,
      sent: 2,
      failed: 1,
      skipped: 0,
      bounced: 0,
      complained: 1,
      pending: 0,
      unhandled: 0,
      uncertain: 0,
    });
  });

  it('completes when readers were erased during the send: their outcomes stay counted, under no reader', async () => {
    const w = memoryWorld();
    await importFixtures(w, ['en']);
    const [sent, gone] = [await w.subscribers.save(aSubscription()), await w.subscribers.save(aSubscription())];
    await dispatch(w.dispatch(), { edition: '2026-W48' });
    await deliverBatch(w.deliver(), { edition: '2026-W48', language: 'en', ids: [sent.id] });
    // One reader is erased after their digest went out, the other while their batch waits.
    await w.subscribers.delete(sent.id);
    await w.deliveries.eraseReader(sent.id);
    await w.subscribers.delete(gone.id);
    await deliverBatch(w.deliver(), { edition: '2026-W48', language: 'en', ids: [gone.id] });
    const report = await completedReport(w, '2026-W48');
    expect(report?.languages.en).toEqual({
      planned: 2,
      sent: 1,
      failed: 0,
      skipped: 1,
      bounced: 0,
      complained: 0,
      pending: 0,
      unhandled: 0,
      uncertain: 0,
    });
    const left = await w.deliveries.list('2026-W48');
    expect(left.map((d) => d.subscriberId)).not.toContain(sent.id);
    expect(left.map((d) => d.subscriberId)).not.toContain(gone.id);
  });

  it('does not read the delivery records to check completion while the dispatch is still queueing', async () => {
    const w = memoryWorld();
    const now = w.clock.now;
    await w.sends.claim(
      {
        edition: '2026-W48',
        status: 'dispatching',
        owner: 'd',
        leaseUntil: now + 60_000,
        startedAt: now,
        languages: {},
        skipped: [],
        planned: { en: 2 },
        checkpoint: {},
      },
      now,
    );
    const unreadable = {
      list: async (): Promise<never> => {
        throw new Error('the delivery records were read');
      },
    };
    expect(await completedReport({ ...w, deliveries: unreadable }, '2026-W48')).toBeUndefined();
    await expect(editionReport({ ...w, deliveries: unreadable }, '2026-W48')).rejects.toThrow('were read');
  });
});
