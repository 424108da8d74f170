import type { DigestItem } from '../functions/core/digest-view.ts';
import { escapeHtml } from '../functions/core/html.ts';
import type { Language } from '../functions/core/language.ts';
import type { RenderedEmail } from '../functions/core/rendered-email.ts';
import { commonValues, type Outlet, outletLine } from './common.ts';
import digestLayout from './compiled/digest.json' with { type: 'json' };
import metaTexts from './compiled/messages/_.json' with { type: 'json' };
import commonTexts from './compiled/messages/common.json' with { type: 'json' };
import digestTexts from './compiled/messages/digest.json' with { type: 'json' };
import { noticeHtml, renderItem } from './digest-item.ts';
import { fillTemplate } from './fill.ts';
import { inLanguage, translator } from './messages.ts';
import { ERASE_URL_PLACEHOLDER, MANAGE_URL_PLACEHOLDER } from './personalize.ts';

const t = /* @__PURE__ */ translator(metaTexts, commonTexts, digestTexts);

/** One edition's digest in one reader language; `fallbackLanguage` is set when the items are in another one. */
export interface DigestView {
  language: Language;
  edition: string;
  dateRange: string;
  items: DigestItem[];
  fallbackLanguage?: Language;
  /** The publisher's details for the masthead and the footer; the web version's links need its publicUrl. */
  outlet?: Outlet;
  /** The editor's note above the items, rendered safe when it was set. */
  note?: { readonly html: string; readonly text: string };
}

const NOTE_STYLE = 'margin:12px 0 4px;padding:2px 0 2px 14px;border-left:3px solid #ddd6c8;font-size:16px;';

/** The editor's note as the digest shows it (empty without one). */
export function noteHtml(view: DigestView): string {
  return view.note ? `<div class="nl-note" style="${NOTE_STYLE}">${view.note.html}</div>` : '';
}

/** The web version of an edition in a language: `/archive/{language}/{edition}`. */
export function webVersionUrl(publicUrl: string, language: Language, edition: string): string {
  return `${publicUrl}/archive/${language}/${edition}`;
}

function assertNoPlaceholder(view: DigestView): void {
  for (const item of view.items) {
    for (const value of [item.topic, item.title, item.leadHtml, item.leadText, item.url]) {
      for (const placeholder of [MANAGE_URL_PLACEHOLDER, ERASE_URL_PLACEHOLDER])
        if (value.includes(placeholder)) throw new Error(`Digest content contains ${placeholder}`);
    }
  }
}

/** The week's headlines for the inbox snippet (not the subject again), cut at a word near 150 characters. */
export function headlines(view: DigestView): string {
  const all = view.items.map((i) => i.title).join(' · ');
  if (all.length <= 150) return all;
  return `${all.slice(0, 150).replace(/\s+\S*$/, '')}…`;
}

const link = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;

/** The footer: why the reader gets it, the web version and archive, unsubscribe and language, the outlet. */
function footer(view: DigestView, brand: string): { html: string; text: string } {
  const lang = view.language;
  const reason = t(lang, 'digest.footer.reason', { brand, language: t(lang, '_.newsletterPhrase') });
  const unsubscribe = t(lang, 'common.unsubscribe');
  const changeLanguage = t(lang, 'common.changeLanguage');
  const erase = t(lang, 'common.erase');
  const outlet = outletLine(lang, view.outlet);
  const html = [`<p style="margin:0 0 10px;">${escapeHtml(reason)}</p>`];
  const text = [reason];
  if (view.outlet) {
    const web = webVersionUrl(view.outlet.publicUrl, lang, view.edition);
    const archive = `${view.outlet.publicUrl}/archive/${lang}`;
    html.push(
      `<p style="margin:0 0 10px;">${link(web, t(lang, 'digest.webVersion'))} · ${link(archive, t(lang, 'digest.archive'))}</p>`,
    );
    text.push(`${t(lang, 'digest.webVersion')}: ${web}`, `${t(lang, 'digest.archive')}: ${archive}`);
  }
  html.push(
    `<p style="margin:0 0 10px;font-weight:600;">${link(MANAGE_URL_PLACEHOLDER, unsubscribe)} · ` +
      `${link(`${MANAGE_URL_PLACEHOLDER}#language`, changeLanguage)} · ${link(ERASE_URL_PLACEHOLDER, erase)}</p>`,
  );
  text.push(`${unsubscribe} / ${changeLanguage}: ${MANAGE_URL_PLACEHOLDER}`, `${erase}: ${ERASE_URL_PLACEHOLDER}`);
  if (outlet.html) html.push(`<p style="margin:0;">${outlet.html}</p>`);
  if (outlet.text) text.push(outlet.text);
  return { html: html.join(''), text: text.join('\n') };
}

/** Renders one edition's digest for one language, once; the result holds MANAGE_URL_PLACEHOLDER for personalizing. */
export function renderDigest(view: DigestView): RenderedEmail {
  assertNoPlaceholder(view);
  const lang = view.language;
  const common = commonValues(lang, headlines(view) || t(lang, 'digest.empty'), view.outlet?.brandColour);
  const brand = common.brand;
  const range = view.dateRange.replace(/(\d) (?=\p{L})/gu, '$1\u00a0');
  const count = t.plural(lang, 'digest.thisWeek', view.items.length).replace(/^(\d+) /, '$1\u00a0');
  const heading = t(lang, 'digest.title');
  const subject = t(lang, 'digest.subject', { brand, range: view.dateRange });
  const notice = view.fallbackLanguage
    ? t(lang, 'digest.fallback', { language: inLanguage(lang, view.fallbackLanguage) })
    : '';
  const items = view.items.map((item) => renderItem(lang, item));
  const itemsHtml =
    items.length > 0 ? items.map((i) => i.html).join('') : `<p>${escapeHtml(t(lang, 'digest.empty'))}</p>`;
  const foot = footer(view, brand);
  const html = fillTemplate(digestLayout, {
    ...common,
    title: subject,
    heading,
    range,
    count,
    notice: noticeHtml(notice),
    note: noteHtml(view),
    items: itemsHtml,
    footer: foot.html,
  });
  const text = [
    `${brand}\n${heading}, ${view.dateRange}`,
    notice,
    view.note?.text ?? '',
    count.replace('\u00a0', ' '),
    ...(items.length > 0 ? items.map((i) => i.text) : [t(lang, 'digest.empty')]),
    `--\n${foot.text}`,
  ];
  return { subject, html, text: `${text.filter(Boolean).join('\n\n')}\n` };
}
