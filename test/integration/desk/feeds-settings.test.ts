import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorsOf } from '../../support/editors.ts';
import { type FeedServer, startFeedServer } from '../../support/feed-server.ts';
import { tableSnapshot, useLocalStack } from '../../support/local.ts';

// Issue 22 item 3 ("Feeds", "Settings"): GET /admin/feeds and GET /admin/settings on the local stack.
const env: Record<string, string> = { EDITOR_EMAILS: 'desk.editor@example.org,second.editor@example.org' };
let feeds: FeedServer;
beforeAll(async () => {
  feeds = await startFeedServer();
  env.FEEDS = JSON.stringify({
    en: [`${feeds.url}/en/rss.xml`, `${feeds.url}/error`],
    be: [`${feeds.url}/be/atom.xml`],
  });
});
afterAll(async () => {
  await feeds.close();
});
const stack = useLocalStack(env);
const { api } = editorsOf(stack);
const EDITION = '2026-W48';

interface FeedView {
  language: string;
  url: string;
  lastPull: null | {
    at: string;
    edition: string;
    status: string;
    error?: string;
    created: number;
    [k: string]: unknown;
  };
  lastImport: null | { at: string; edition: string };
}
const feedsNow = async () => {
  const res = await api('GET', '/admin/feeds');
  expect(res.status).toBe(200);
  const { feeds: list } = (await res.json()) as { feeds: FeedView[] };
  return (path: string) => list.find((f) => f.url === `${feeds.url}${path}`);
};

describe('GET /admin/feeds', () => {
  it('lists every configured feed, never pulled yet', async () => {
    const feed = await feedsNow();
    expect(feed('/en/rss.xml')).toEqual({
      language: 'en',
      url: `${feeds.url}/en/rss.xml`,
      lastPull: null,
      lastImport: null,
    });
    expect(feed('/be/atom.xml')?.lastPull).toBeNull();
  });

  it('gives each feed its last pull: when, what came, what was skipped and why, and the failure', async () => {
    const before = Date.now();
    expect((await api('POST', '/admin/feeds/pull', { edition: EDITION })).status).toBe(200);
    const feed = await feedsNow();
    expect(feed('/en/rss.xml')?.lastPull).toMatchObject({
      edition: EDITION,
      status: 'pulled',
      created: 4,
      skipped: 3,
      skippedBy: { 'out-of-week': 2, duplicate: 1 },
    });
    expect(Date.parse(feed('/en/rss.xml')?.lastPull?.at ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(feed('/en/rss.xml')?.lastImport).toMatchObject({ edition: EDITION });
    expect(feed('/error')?.lastPull).toMatchObject({ status: 'failed', error: expect.stringContaining('500') });
    expect(feed('/error')?.lastImport).toBeNull();
    expect(feed('/be/atom.xml')?.lastPull).toMatchObject({ status: 'pulled', created: 3 });
  });

  it('records a pull that found nothing new, keeping the last import', async () => {
    const imported = (await feedsNow())('/en/rss.xml')?.lastImport;
    expect((await api('POST', '/admin/feeds/pull', { edition: EDITION })).status).toBe(200);
    const feed = await feedsNow();
    expect(feed('/en/rss.xml')?.lastPull).toMatchObject({ status: 'not-modified', created: 0 });
    expect(feed('/en/rss.xml')?.lastImport).toEqual(imported);
  });
});

describe('GET /admin/settings', () => {
  it('gives the schedule, languages, feeds, editors and the sender with its verification, writing nothing', async () => {
    const before = await tableSnapshot(stack.current);
    const res = await api('GET', '/admin/settings');
    expect(res.status).toBe(200);
    const settings = await res.json();
    expect(settings).toMatchObject({
      schedule: { timeZone: 'Europe/Minsk', cron: 'cron(0 9 ? * FRI *)', next: expect.stringMatching(/T06:00:00/) },
      languages: ['en', 'be', 'ru'],
      feeds: JSON.parse(env.FEEDS as string),
      editors: ['desk.editor@example.org', 'second.editor@example.org'],
      sender: { from: stack.current.env.SENDER_EMAIL, identity: 'weekly@newsletter.example', verified: true },
    });
    expect(await tableSnapshot(stack.current)).toBe(before);
  });
});
