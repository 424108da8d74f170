import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRefused } from '../../support/admin-requests.ts';
import { fixtureEdition } from '../../support/cli.ts';
import { editorsOf } from '../../support/editors.ts';
import { type FeedServer, startFeedServer } from '../../support/feed-server.ts';
import { useLocalStack } from '../../support/local.ts';
import { signedFetch } from '../../support/signed.ts';

// Issue 22 item 3 ("This week"): GET /admin/editions/{edition}/week on the local stack, signed as the CLI signs.
const env: Record<string, string> = {};
let feeds: FeedServer;
beforeAll(async () => {
  feeds = await startFeedServer();
  env.FEEDS = JSON.stringify({ en: [`${feeds.url}/en/rss.xml`] });
});
afterAll(async () => {
  await feeds.close();
});
const stack = useLocalStack(env);
const { run, api } = editorsOf(stack);
const EDITION = '2026-W48';
const key = (topic: string) => `${topic}-2026-w48`;

interface Week {
  edition: string;
  status: string;
  held: boolean;
  schedule: { next: string | null; timeZone: string; cron: string };
  languages: Record<string, { note: string | null; items: { key: string; title: string; [k: string]: unknown }[] }>;
}
const week = async (edition = EDITION) => {
  const res = await api('GET', `/admin/editions/${edition}/week`);
  expect(res.status).toBe(200);
  return (await res.json()) as Week;
};

beforeAll(async () => {
  expect((await run('import', fixtureEdition(EDITION))).code).toBe(0);
  expect((await api('POST', '/admin/feeds/pull', { edition: EDITION })).status).toBe(200);
});

describe('GET /admin/editions/{edition}/week', () => {
  it('lists every language with its items, each with key, slug, title, topic, trend and source', async () => {
    const w = await week();
    expect(Object.keys(w.languages).sort()).toEqual(['be', 'en', 'ru']);
    expect(w.languages.be?.items.map((i) => i.key)).toEqual([key('belarus-west'), key('economy'), key('repressions')]);
    expect(w.languages.en?.items[0]).toEqual({
      key: key('belarus-west'),
      slug: key('belarus-west'),
      title: 'Little prospect of normalization',
      topic: 'Belarus–West relations',
      trend: 'worse',
      url: 'https://example.org/en/commentary/belarus-west-2026-w48',
      source: 'file',
      removed: false,
    });
    const fromFeed = w.languages.en?.items.filter((i) => i.source === 'feed') ?? [];
    expect(fromFeed.length).toBeGreaterThan(0);
    expect(fromFeed.find((i) => i.title === 'Repressions continue')).toMatchObject({ slug: null, trend: null });
  });

  it("follows the editors' order and shows a removed item in its place, flagged, in its language only", async () => {
    expect((await api('PUT', `/admin/editions/${EDITION}/order`, { order: [key('repressions')] })).status).toBe(200);
    expect((await api('DELETE', `/admin/editions/${EDITION}/commentaries/en/${key('belarus-west')}`)).status).toBe(200);
    const w = await week();
    const en = w.languages.en?.items ?? [];
    expect(en.slice(0, 3).map((i) => [i.key, i.removed])).toEqual([
      [key('repressions'), false],
      [key('belarus-west'), true],
      [key('economy'), false],
    ]);
    expect(w.languages.be?.items.map((i) => [i.key, i.removed])).toEqual([
      [key('repressions'), false],
      [key('belarus-west'), false],
      [key('economy'), false],
    ]);
    // The items kept are in the order the digest sends them.
    const preview = await signedFetch(stack.current, 'GET', `/admin/editions/${EDITION}/preview/en`, {
      accept: 'text/plain',
    });
    const text = await preview.text();
    const kept = en.filter((i) => !i.removed).map((i) => text.indexOf(i.title));
    expect(kept.every((at) => at >= 0)).toBe(true);
    expect(kept).toEqual([...kept].sort((a, b) => a - b));
    expect(text).not.toContain('Little prospect of normalization');
  });

  it('gives the note of each language as the editor wrote it, held, status and the schedule', async () => {
    expect((await api('PUT', `/admin/editions/${EDITION}/note/be`, { text: 'Тыдзень **асаблівы**.' })).status).toBe(
      200,
    );
    expect((await api('PUT', `/admin/editions/${EDITION}/hold`)).status).toBe(200);
    const w = await week();
    expect(w.languages.be?.note).toBe('Тыдзень **асаблівы**.');
    expect(w.languages.en?.note).toBeNull();
    expect(w).toMatchObject({ edition: EDITION, status: 'not-started', held: true });
    expect(w.schedule).toMatchObject({ timeZone: 'Europe/Minsk', cron: 'cron(0 9 ? * FRI *)' });
    const next = new Date(w.schedule.next ?? '');
    // Fridays 09:00 in Minsk (UTC+3, no summer time) is 06:00 UTC, within the coming week.
    expect([next.getUTCDay(), next.getUTCHours(), next.getUTCMinutes()]).toEqual([5, 6, 0]);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
  });

  it('answers an edition without items with empty languages, and a bad edition with 400, writing nothing', async () => {
    const empty = await week('2026-W10');
    expect(empty.languages.en).toEqual({ note: null, items: [] });
    for (const edition of ['2026-W99', 'week', '2026-w48'])
      await expectRefused(stack.current, {
        name: edition,
        method: 'GET',
        path: `/admin/editions/${edition}/week`,
        status: 400,
        code: 'invalid_edition',
      });
  });

  it('refuses an unsigned request with 403', async () => {
    const res = await fetch(`${stack.current.apiUrl}/admin/editions/${EDITION}/week`);
    expect(res.status).toBe(403);
  });
});
