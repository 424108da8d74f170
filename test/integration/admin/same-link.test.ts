import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../../local/stack.ts';
import { cli } from '../../support/cli.ts';
import { type FeedServer, startFeedServer } from '../../support/feed-server.ts';
import { tableItems } from '../../support/local.ts';
import { signedFetch } from '../../support/signed.ts';

// Issue 23 item 4 (one item per link: a feed item and a file with the same link are one commentary, the file winning
// for the fields it sets) and item 3 (a removed item stays removed after a feed pull and a re-import), end to end
// through the CLI and the editors' API on the local stack, with an RSS feed on a local feed server.
const EDITION = '2026-W45';
let feeds: FeedServer;
let stack: LocalStack;
let files: string;

/** An RSS item dated on the Tuesday of 2026-W45. */
const item = (guid: string, title: string, link: string, categories: string[], lead: string) =>
  `<item><guid>${guid}</guid><title>${title}</title><link>${link}</link><pubDate>Tue, 03 Nov 2026 08:00:00 GMT</pubDate>${categories.map((c) => `<category>${c}</category>`).join('')}<description>${lead}</description></item>`;
const rss = (items: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Links</title>${items.join('')}</channel></rss>`;
/** The English feed; `round` changes its leads, so that each pull reads it again (no 304, not the same bytes). */
const englishFeed = (round: number) =>
  rss([
    item(
      'a',
      'Feed title A',
      'https://news.example/a?utm_source=rss&amp;utm_medium=feed',
      ['Economy', 'worse'],
      `Feed lead A ${round}.`,
    ),
    item('b', 'Feed title B', 'https://news.example/b', ['Politics'], `Feed lead B ${round}.`),
    item('c', 'Feed title C', 'https://news.example/c', ['Society'], `Feed lead C ${round}.`),
  ]);

/** Writes a commentary file of 2026-W45 in English with these front matter fields and lead. */
function file(name: string, fields: Record<string, string>, lead: string) {
  const front = Object.entries({ language: 'en', date: '2026-11-03', edition: EDITION, ...fields })
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  writeFileSync(join(files, name), `---\n${front}\n---\n\n${lead}\n`);
}
const FILE_A = { title: 'File title A', topic: 'Economy', url: 'https://NEWS.example:443/a/', slug: 'file-a' };
const FILE_B = {
  title: 'File title B',
  topic: 'Politics',
  trend: 'better',
  url: 'https://news.example/b?utm_source=newsletter',
  slug: 'file-b',
};

beforeAll(async () => {
  feeds = await startFeedServer();
  feeds.serve('/en/links.xml', englishFeed(1), 'application/rss+xml');
  // The Belarusian feed has the same link as an English item: another language, another item.
  feeds.serve(
    '/be/links.xml',
    rss([item('be-b', 'Загаловак B', 'https://news.example/b', ['Палітыка'], 'Лід B.')]),
    'application/rss+xml',
  );
  stack = await startLocalStack({
    trustForwardedFor: true,
    env: {
      FEEDS: JSON.stringify({ en: [`${feeds.url}/en/links.xml`], be: [`${feeds.url}/be/links.xml`] }),
      FEED_TRENDS: JSON.stringify({ worse: 'worse' }),
    },
  });
  files = mkdtempSync(join(tmpdir(), 'same-link-'));
});
afterAll(async () => {
  await stack?.close();
  await feeds?.close();
});

/** Runs the CLI; a refusal (a thrown one-line error) is exit code 1 with that line on stderr, as in newsletter.ts. */
async function run(...argv: string[]) {
  try {
    return await cli(stack.env, ...argv);
  } catch (error) {
    return { code: 1, out: '', err: (error as Error).message };
  }
}
const pull = (round: number) => {
  feeds.serve('/en/links.xml', englishFeed(round), 'application/rss+xml');
  return run('feeds', 'pull', '--edition', EDITION);
};
const importFiles = (...names: string[]) => {
  const dir = mkdtempSync(join(tmpdir(), 'same-link-import-'));
  for (const name of names) writeFileSync(join(dir, name), readFileSync(join(files, name)));
  return run('import', dir);
};

/** One language's digest as the preview route renders it, text and HTML. */
async function digest(language: string) {
  const path = `/admin/editions/${EDITION}/preview/${language}`;
  const text = await (await signedFetch(stack, 'GET', path, { accept: 'text/plain' })).text();
  const html = await (await signedFetch(stack, 'GET', path, { accept: 'text/html' })).text();
  return { text, html };
}
/** How many stored commentaries of the edition and language have this normalised link. */
async function stored(language: string, link: RegExp) {
  const items = await tableItems(stack);
  return items.filter(
    (i) => i.kind === 'commentary' && i.edition === EDITION && i.language === language && link.test(String(i.url)),
  );
}

describe('one item per link, in an edition and language', () => {
  it('a file imported before the pull keeps its place: the feed item with its link (utm_source on the file) is not added', async () => {
    file('b.md', FILE_B, 'File lead B.');
    const imported = await importFiles('b.md');
    expect(imported.out).toMatch(/created\s+\S*\/b\.md\s+\(2026-W45, key file-b\)/);
    const pulled = await pull(1);
    expect(pulled.code).toBe(0);
    // The feed item B is the file's commentary: unchanged, not created.
    expect(pulled.out).toMatch(/pulled\s+en .*links\.xml: 2 created, 0 updated, 1 unchanged, 0 skipped/);
    expect(await stored('en', /news\.example\/b/)).toHaveLength(1);
    const { text } = await digest('en');
    expect(text).toContain('File title B');
    expect(text).not.toContain('Feed title B');
    // The file sets the trend: its own, not the feed's (the feed gives none here anyway).
    expect(text).toMatch(/Politics · \S* ?Improvement/);
    expect(text).toContain('3 commentaries this week');
  });

  it('a file imported after the pull (the feed link with utm_* parameters) takes the place of the feed item', async () => {
    file('a.md', FILE_A, 'File lead A.');
    const imported = await importFiles('a.md');
    expect(imported.code).toBe(0);
    // It replaced the feed item: updated, not created.
    expect(imported.out).toMatch(/updated\s+\S*\/a\.md\s+\(2026-W45, key file-a\)/);
    const rows = await stored('en', /news\.example(:443)?\/a/i);
    expect(rows.map((r) => r.key)).toEqual(['file-a']);
    const { text, html } = await digest('en');
    for (const body of [text, html]) {
      expect(body).toContain('File title A');
      expect(body).toContain('File lead A.');
      expect(body).not.toContain('Feed title A');
      expect(body).not.toContain('Feed lead A');
    }
    // The file sets no trend: the feed's (the category `worse`) stays beside it.
    expect(text).toMatch(/Economy · \S* ?Deterioration/);
    expect(text).toContain('3 commentaries this week');
  });

  it('the next pulls update and never double, and another language keeps its own item with the same link', async () => {
    for (const round of [2, 3]) {
      const pulled = await pull(round);
      expect(pulled.out).toMatch(/pulled\s+en .*links\.xml: 0 created, \d updated, \d unchanged, 0 skipped/);
    }
    expect(await stored('en', /news\.example(:443)?\/a/i)).toHaveLength(1);
    expect(await stored('en', /news\.example\/b/)).toHaveLength(1);
    const { text } = await digest('en');
    expect(text).toContain('File title A');
    expect(text).toContain('File title B');
    expect(text).toContain('Feed lead C 3.');
    expect(text).toContain('3 commentaries this week');
    expect(await stored('be', /news\.example\/b/)).toHaveLength(1);
    expect((await digest('be')).text).toContain('Загаловак B');
  });
});

describe('a removed item stays removed', () => {
  it('after the next feed pull, and after a re-import of the same file; restore brings it back', async () => {
    const [feedC] = await stored('en', /news\.example\/c/);
    const removedFeed = await run('remove', '--edition', EDITION, '--language', 'en', String(feedC?.key));
    const removedFile = await run('remove', '--edition', EDITION, '--language', 'en', 'file-a');
    expect([removedFeed.code, removedFile.code]).toEqual([0, 0]);
    const pulled = await pull(4);
    expect(pulled.out).toMatch(/pulled\s+en .*links\.xml: 0 created/);
    file('a.md', FILE_A, 'File lead A, edited after its removal.');
    const reimported = await importFiles('a.md');
    expect(reimported.out).toMatch(/updated\s+\S*\/a\.md\s+\(2026-W45, key file-a\)/);
    let { text, html } = await digest('en');
    for (const body of [text, html]) {
      expect(body).not.toContain('Feed lead C');
      expect(body).not.toContain('File title A');
      expect(body).toContain('File title B');
    }
    expect(text).toContain('1 commentary this week');
    expect((await run('restore', '--edition', EDITION, '--language', 'en', String(feedC?.key))).code).toBe(0);
    ({ text, html } = await digest('en'));
    expect(text).toContain('Feed lead C 4.');
    expect(text).not.toContain('File title A');
    expect(text).toContain('2 commentaries this week');
  });
});
