import type { DigestItem } from '../functions/core/digest-view.ts';
import { escapeHtml } from '../functions/core/html.ts';
import type { Language } from '../functions/core/language.ts';
import digestTexts from './compiled/messages/digest.json' with { type: 'json' };
import sampleTexts from './compiled/messages/sample.json' with { type: 'json' };
import trendTexts from './compiled/messages/trend.json' with { type: 'json' };
import { translator } from './messages.ts';

const t = /* @__PURE__ */ translator(trendTexts, sampleTexts, digestTexts);

/** Serif headlines with fallbacks that have Cyrillic letters on every platform. */
export const SERIF = "Georgia, 'PT Serif', 'Noto Serif', 'DejaVu Serif', 'Times New Roman', serif";

// Mid-tone fills with white text (AA at 12px bold), dark enough to survive Gmail's and Outlook's forced inversion.
const TRENDS = {
  better: { symbol: '▲', colour: '#2f6b3b' },
  worse: { symbol: '▼', colour: '#9e2a2b' },
  unchanged: { symbol: '■', colour: '#5b5f66' },
} as const;

const S = {
  item: 'border-top:1px solid #ddd6c8;padding:22px 0 18px;',
  topic: `padding:0 10px 0 0;font-size:12px;line-height:1.5;color:#5f5a52;text-transform:uppercase;letter-spacing:0.06em;`,
  trend:
    'padding:2px 8px;font-size:12px;line-height:1.5;font-weight:700;color:#ffffff;white-space:nowrap;' +
    'border-radius:3px;',
  notice: 'margin:10px 0 0;padding:8px 12px;background-color:#f6edd0;color:#3d3200;font-size:14px;',
  title: `margin:10px 0 8px;font-family:${SERIF};font-size:21px;line-height:1.3;font-weight:700;`,
  titleLink: 'color:#1c1c1c;text-decoration:none;',
  lead: 'margin:0 0 10px;',
  moreLink: 'color:#1f4e79;font-weight:600;',
};

/** The trend as a label in a table cell (Outlook drops padding on inline spans), kept on one line. */
function trendCell(lang: Language, trend: DigestItem['trend']): { html: string; text: string } {
  if (!trend) return { html: '', text: '' };
  const { symbol, colour } = TRENDS[trend];
  const label = t(lang, `trend.${trend}`);
  const html =
    `<td bgcolor="${colour}" class="nl-trend" style="${S.trend}background-color:${colour};">` +
    `<span aria-hidden="true">${symbol}</span>&nbsp;${escapeHtml(label).replace(/ /g, '&nbsp;')}</td>`;
  return { html, text: `${symbol} ${label}` };
}

/** One commentary's block in the e-mail, and its lines in the text part. */
export function renderItem(lang: Language, item: DigestItem): { html: string; text: string } {
  const trend = trendCell(lang, item.trend);
  const url = escapeHtml(item.url);
  const readMore = t(lang, 'digest.readMore');
  const sample = item.sample ? t(lang, 'sample.notice') : '';
  const html =
    `<div class="nl-item" style="${S.item}">` +
    '<table role="presentation" border="0" cellpadding="0" cellspacing="0"><tr>' +
    `<td class="nl-muted" style="${S.topic}">${escapeHtml(item.topic)}</td>${trend.html}</tr></table>` +
    (sample ? `<p class="nl-notice" style="${S.notice}">${escapeHtml(sample)}</p>` : '') +
    `<h2 style="${S.title}"><a class="nl-headline" href="${url}" style="${S.titleLink}">${escapeHtml(item.title)}</a></h2>` +
    `<p style="${S.lead}">${item.leadHtml}</p>` +
    `<p style="margin:0;"><a href="${url}" style="${S.moreLink}">${escapeHtml(readMore)}&nbsp;→</a></p>` +
    '</div>\n';
  const meta = trend.text ? `${item.topic} · ${trend.text}` : item.topic;
  const text = [meta, sample && `[${sample}]`, item.title, item.leadText, `${readMore}: ${item.url}`];
  return { html, text: text.filter(Boolean).join('\n') };
}

/** The notice box (fallback language), in the items' style. */
export function noticeHtml(text: string): string {
  return text && `<p class="nl-notice" style="${S.notice}">${escapeHtml(text)}</p>`;
}
