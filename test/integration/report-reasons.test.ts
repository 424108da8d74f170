import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSendContext } from '../../functions/wiring/send.ts';
import { type LocalStack, startLocalStack } from '../../local/stack.ts';
import { cli } from '../support/cli.ts';
import { type FeedServer, startFeedServer } from '../support/feed-server.ts';
import { inbox, tableItems } from '../support/local.ts';
import { readers, seedReaders } from '../support/seed.ts';
import { eventually } from '../support/wait.ts';

// Issue 23 item 8: the editors' report of a send says why what is not in it is not: a language whose every item the
// editors removed, the items they removed, and the feed items a pull left out (a duplicate link, over Gmail's clip).
const EDITION = '2026-W46';
const EDITOR = 'editor@example.org';
let feeds: FeedServer;
let stack: LocalStack;

/** An RSS item; dated on the Tuesday of 2026-W46 unless `date` says otherwise. */
const item = (guid: string, link: string, lead: string, date = 'Tue, 10 Nov 2026 08:00:00 GMT') =>
  `<item><guid>${guid}</guid><title>Item ${guid}</title><link>${link}</link><pubDate>${date}</pubDate><category>Politics</category><description>${lead}</description></item>`;
const rss = (items: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>${items.join('')}</channel></rss>`;
const words = 'Analysis of the regime and society in Belarus with sources and context. '.repeat(6);

beforeAll(async () => {
  feeds = await startFeedServer();
  // 400 long items (more than one digest under Gmail's clip holds), one with the link of the first, one of last week.
  const long = Array.from({ length: 400 }, (_, i) => item(`long-${i}`, `https://analytics.example/long/${i}`, words));
  long.splice(1, 0, item('again', 'https://analytics.example/long/0?utm_source=rss', 'The same link.'));
  long.push(item('old', 'https://analytics.example/old', 'Last week.', 'Tue, 03 Nov 2026 08:00:00 GMT'));
  feeds.serve('/en/long.xml', rss(long), 'application/rss+xml');
  feeds.serve(
    '/ru/short.xml',
    rss([
      item('ru-1', 'https://analytics.example/ru/1', 'Первый.'),
      item('ru-2', 'https://analytics.example/ru/2', 'Второй.'),
    ]),
    'application/rss+xml',
  );
  stack = await startLocalStack({
    trustForwardedFor: true,
    env: {
      FEEDS: JSON.stringify({ en: [`${feeds.url}/en/long.xml`], ru: [`${feeds.url}/ru/short.xml`] }),
      EDITOR_EMAILS: EDITOR,
    },
  });
  await seedReaders(await createSendContext(stack.env), readers('reasons', 3, 'confirmed'));
});
afterAll(async () => {
  await stack?.close();
  await feeds?.close();
});

const keyOf = async (url: string) =>
  String((await tableItems(stack)).find((i) => i.kind === 'commentary' && i.url === url)?.key);

describe("the editors' report says why", () => {
  it('names the language whose every item was removed, the removed items, and what the feed pull left out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reasons-'));
    writeFileSync(
      join(dir, 'be.md'),
      `---\ntitle: Тыдзень\nlanguage: be\ndate: 2026-11-10\ntopic: Палітыка\nurl: https://analytics.example/be/1\nslug: be-week\n---\n\nЛід.\n`,
    );
    expect((await cli(stack.env, 'import', dir)).code).toBe(0);
    const pulled = await cli(stack.env, 'feeds', 'pull', '--edition', EDITION);
    expect(pulled.code).toBe(0);
    expect(pulled.out).toMatch(/duplicate/);
    expect(pulled.out).toMatch(/digest-full/);
    const ru2 = await keyOf('https://analytics.example/ru/2');
    for (const [language, key] of [
      ['be', 'be-week'],
      ['ru', ru2],
    ] as const)
      expect((await cli(stack.env, 'remove', '--edition', EDITION, '--language', language, key)).code).toBe(0);
    expect((await cli(stack.env, 'send', '--edition', EDITION, '--yes')).code).toBe(0);

    const report = await eventually(async () => {
      const [mail] = (await inbox(stack, EDITOR)).filter((m) => m.subject === `[REPORT] ${EDITION} sent`);
      if (!mail) throw new Error('no report yet');
      return mail;
    });
    for (const body of [report.body.text ?? '', report.body.html ?? '']) {
      expect(body).toContain('Belarusian: not sent (every item removed by the editors)');
      expect(body).toContain('Belarusian: 1 item removed by the editors, not sent: be-week');
      expect(body).toContain(`Russian: 1 item removed by the editors, not sent: ${ru2}`);
      expect(body).toMatch(
        new RegExp(
          `English feed ${feeds.url}/en/long.xml: items left out: 1 with the link of another item \\(one item per link\\), \\d+ over Gmail(&#39;|')s clip size`,
        ),
      );
      // Items of another week are not "left out" of this one.
      expect(body).not.toContain('of another week');
    }
    const status = await cli(stack.env, 'status', '--edition', EDITION);
    expect(status.out).toContain('be: skipped, every item removed by the editors');
  });
});
