import { parseFeed } from 'feedsmith';
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../functions/core/language.ts';
import { createSendContext } from '../../functions/wiring/send.ts';
import { type PageParams, renderPage } from '../../templates/pages.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { useLocalStack } from '../support/local.ts';
import { readers, seedReaders } from '../support/seed.ts';
import { vnu } from '../support/vnu.ts';

const stack = useLocalStack();
beforeAll(async () => {
  const ctx = await createSendContext(stack.current.env);
  await seedReaders(ctx, readers('checked', 3, 'confirmed'));
  expect((await cli(stack.current.env, 'import', fixtureEdition('2026-W48'))).code).toBe(0);
  expect((await cli(stack.current.env, 'send', '--edition', '2026-W48', '--yes')).code).toBe(0);
});

const PAGES: PageParams[] = [
  { page: 'checkInbox' },
  { page: 'confirm', token: 't1.confirm.abc' },
  { page: 'confirmed', manageUrl: 'https://news.example.org/unsubscribe?token=t1.manage.abc' },
  { page: 'invalidLink' },
  { page: 'manage', token: 't1.manage.abc', language: 'be' },
  { page: 'unsubscribed', token: 't1.manage.abc' },
  { page: 'languageChanged', token: 't1.manage.abc', language: 'ru' },
  { page: 'erase', token: 't1.erase.abc' },
  { page: 'erased' },
  { page: 'error', status: 429 },
];

describe('the W3C Nu HTML Checker', () => {
  it('finds no error or warning in any page, archive page or page the Atom feeds link to', async () => {
    const documents: Record<string, string> = {};
    for (const lang of LANGUAGES) {
      for (const params of PAGES) documents[`${params.page} ${lang}`] = renderPage(lang, params);
      const index = await fetch(`${stack.current.apiUrl}/archive/${lang}`);
      documents[`archive ${lang}`] = await index.text();
      const feed = parseFeed(await (await fetch(`${stack.current.apiUrl}/archive/${lang}/feed.xml`)).text());
      const entries = (feed.feed as { entries?: { links?: { href?: string }[] }[] }).entries ?? [];
      expect(entries.length, lang).toBe(1);
      for (const entry of entries) {
        const href = entry.links?.[0]?.href as string;
        documents[href] = await (await fetch(href)).text();
      }
    }
    const messages = await vnu(documents);
    expect(messages.map((m) => `${m.document}: ${m.type} ${m.message}`)).toEqual([]);
  });
});
