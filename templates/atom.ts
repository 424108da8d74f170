import type { ArchiveSummary } from '../functions/core/archive.ts';
import { escapeHtml } from '../functions/core/html.ts';
import type { Language } from '../functions/core/language.ts';
import type { Outlet } from './common.ts';
import brandTexts from './compiled/messages/brand.json' with { type: 'json' };
import { webVersionUrl } from './digest.ts';
import { translator } from './messages.ts';

const t = /* @__PURE__ */ translator(brandTexts);

/** `/archive/{language}/feed.xml`: an Atom 1.0 feed of the editions sent in that language, newest first. */
export function renderAtomFeed(lang: Language, entries: readonly ArchiveSummary[], outlet: Outlet): string {
  const base = `${outlet.publicUrl}/archive/${lang}`;
  const brand = escapeHtml(t(lang, 'brand'));
  const updated = new Date(Math.max(0, ...entries.map((e) => e.publishedAt))).toISOString();
  const items = entries.map((e) => {
    const url = escapeHtml(webVersionUrl(outlet.publicUrl, lang, e.edition));
    return (
      `  <entry>\n    <title>${escapeHtml(e.title)}</title>\n    <id>${url}</id>\n` +
      `    <link rel="alternate" type="text/html" href="${url}"/>\n` +
      `    <updated>${new Date(e.publishedAt).toISOString()}</updated>\n` +
      `    <summary>${escapeHtml(e.summary)}</summary>\n  </entry>`
    );
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`,
    `  <title>${brand}</title>`,
    `  <subtitle>${escapeHtml(t(lang, 'brand.tagline'))}</subtitle>`,
    `  <id>${escapeHtml(base)}</id>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeHtml(base)}/feed.xml"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeHtml(base)}"/>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${brand}</name></author>`,
    ...items,
    '</feed>',
    '',
  ].join('\n');
}
