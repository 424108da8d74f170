import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../functions/app/dispatch.ts';
import { editionReport } from '../../../functions/app/report.ts';
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
    for (const id of [a, b, c]) await w.deliveries.claim('2026-W48', id, 'en', w.clock.now, 0);
    await w.deliveries.settle('2026-W48', a, 'sent');
    await w.deliveries.settle('2026-W48', b, 'sent');
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
    });
  });
});
