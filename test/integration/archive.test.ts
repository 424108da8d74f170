import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFeed } from 'feedsmith';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSendContext } from '../../functions/wiring/send.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { inbox, useLocalStack } from '../support/local.ts';
import { readers, seedReaders } from '../support/seed.ts';

const stack = useLocalStack();
const get = (path: string) => fetch(`${stack.current.apiUrl}${path}`);
let unsentBefore: Response;

beforeAll(async () => {
  const ctx = await createSendContext(stack.current.env);
  await seedReaders(ctx, readers('archive', 6, 'confirmed'));
  expect((await cli(stack.current.env, 'import', fixtureEdition('2026-W48'))).code).toBe(0);
  unsentBefore = await get('/archive/be/2026-W48');
  // Shaped by the editors (issue 23 items 1, 2): the web version follows the order and shows the note.
  expect((await cli(stack.current.env, 'order', '--edition', '2026-W48', 'repressions-2026-w48')).code).toBe(0);
  const note = await cli(stack.current.env, 'note', '--edition', '2026-W48', '--language', 'be', 'Слова *рэдакцыі*.');
  expect(note.code).toBe(0);
  expect((await cli(stack.current.env, 'send', '--edition', '2026-W48', '--yes')).code).toBe(0);
  // Imported after the send: refused (edition_sent), and the archive keeps serving what was sent, never re-renders.
  const later = fixtureEdition('2026-W48', ['be']);
  const file = join(later, 'be-belarus-west.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: Зменены пасля рассылкі'));
  const refused = await cli(stack.current.env, 'import', later);
  expect(refused.code).toBe(1);
  expect(refused.out + refused.err).toContain('edition_sent');
});

describe('the public archive', () => {
  it('answers 404 for an edition before it was sent and for an unknown language', async () => {
    expect(unsentBefore.status).toBe(404);
    expect((await get('/archive/be/2026-W47')).status).toBe(404);
    expect((await get('/archive/de')).status).toBe(404);
    expect((await get('/archive/de/2026-W48')).status).toBe(404);
    expect((await get('/archive/be/not-an-edition')).status).toBe(404);
  });

  it("answers a browser a page for a 404, in the path's language, and other clients JSON", async () => {
    const browser = await fetch(`${stack.current.apiUrl}/archive/be/2026-W47`, { headers: { accept: 'text/html' } });
    expect(browser.status).toBe(404);
    expect(browser.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await browser.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<html lang="be">');
    const script = await get('/archive/be/2026-W47');
    expect(script.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await script.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('lists what was sent in Belarusian, linking each web version, indexable and cacheable', async () => {
    const res = await get('/archive/be');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    const html = await res.text();
    expect(html).toContain(`href="${stack.current.apiUrl}/archive/be/2026-W48"`);
    expect(html).toContain('<html lang="be">');
    expect(html).not.toContain('noindex');
    expect(html).toMatch(/<meta name="description" content="[^"]+">/);
    expect(html).toContain(`<link rel="canonical" href="${stack.current.apiUrl}/archive/be">`);
    for (const lang of ['en', 'be', 'ru'])
      expect(html).toContain(
        `<link rel="alternate" hreflang="${lang}" href="${stack.current.apiUrl}/archive/${lang}">`,
      );
  });

  it('serves the sent digest as its web version, without any personal link, with hreflang alternates', async () => {
    const res = await get('/archive/be/2026-W48');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    const html = await res.text();
    expect(html).toContain('Мала падстаў для нармалізацыі');
    expect(html).not.toContain('Зменены пасля рассылкі');
    expect(html).not.toMatch(/token=|%%MANAGE_URL%%|\/unsubscribe/);
    for (const lang of ['en', 'be', 'ru']) {
      expect(html).toContain(
        `<link rel="alternate" hreflang="${lang}" href="${stack.current.apiUrl}/archive/${lang}/2026-W48">`,
      );
    }
    expect(html).toContain(`<link rel="canonical" href="${stack.current.apiUrl}/archive/be/2026-W48">`);
  });

  it("follows the edition's order and shows the editor's note above the items, as the mailed digest does", async () => {
    const page = await (await get('/archive/be/2026-W48')).text();
    const mailed = (await inbox(stack.current)).find(
      (m) => m.subject && /commentary\/economy-2026-w48/.test(m.body.html ?? '') && /lang="be"/.test(m.body.html ?? ''),
    );
    for (const html of [page, mailed?.body.html ?? '']) {
      expect(html).toContain('Слова <em>рэдакцыі</em>.');
      const at = (topic: string) => html.indexOf(`/be/commentary/${topic}-2026-w48`);
      expect(at('repressions')).toBeGreaterThan(html.indexOf('рэдакцыі'));
      expect(at('repressions')).toBeLessThan(at('belarus-west'));
      expect(at('belarus-west')).toBeLessThan(at('economy'));
    }
  });

  it('offers an Atom feed that parses and links each web version', async () => {
    const res = await get('/archive/ru/feed.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const parsed = parseFeed(await res.text());
    expect(parsed.format).toBe('atom');
    const entries = (parsed.feed as { entries?: { id?: string; links?: { href?: string }[] }[] }).entries ?? [];
    expect(entries.map((e) => e.links?.[0]?.href)).toEqual([`${stack.current.apiUrl}/archive/ru/2026-W48`]);
  });

  it('links every digest to its web version', async () => {
    const mails = (await inbox(stack.current)).filter((m) => m.headers?.some((h) => h.name === 'List-Unsubscribe'));
    expect(mails.length).toBe(6);
    for (const mail of mails) {
      expect(mail.body.html).toMatch(new RegExp(`href="${stack.current.apiUrl}/archive/(en|be|ru)/2026-W48"`));
      expect(mail.body.text).toMatch(new RegExp(`${stack.current.apiUrl}/archive/(en|be|ru)/2026-W48`));
    }
  });

  it('serves robots.txt, allowing the archive, and favicon.ico', async () => {
    const robots = await get('/robots.txt');
    expect(robots.status).toBe(200);
    expect(robots.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const text = await robots.text();
    expect(text).toContain('Allow: /archive/');
    expect(text).toContain('Disallow: /unsubscribe');
    const icon = await get('/favicon.ico');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/x-icon');
    const bytes = Buffer.from(await icon.arrayBuffer());
    expect([...bytes.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    expect(bytes.length).toBe(6 + 16 + 40 + 16 * 16 * 4 + 16 * 4);
  });
});
