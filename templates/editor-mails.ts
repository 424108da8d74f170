import { SKIP_REASON_TEXT, type SkipReason } from '../functions/core/digest-view.ts';
import type { SkipReason as FeedSkipReason } from '../functions/core/feed-commentary.ts';
import { escapeHtml } from '../functions/core/html.ts';
import { type Language, languageInfo } from '../functions/core/language.ts';
import type { RenderedEmail } from '../functions/core/rendered-email.ts';
import type { LanguageReport } from '../functions/core/send.ts';
import { type SoftBounceSuppressions, softBounceLines } from './report-soft-bounces.ts';
import { spanLines } from './report-span.ts';

/** One language of the preview: its digest as it will go out, and what it counts. */
export interface PreviewLanguage {
  readonly language: Language;
  readonly commentaries: number;
  readonly readers: number;
  readonly source?: Language;
  readonly digest: RenderedEmail;
}

/** One feed's line in the preview. */
export interface PreviewFeed {
  readonly language: Language;
  readonly url: string;
  readonly status: string;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
  readonly error?: string;
}

const englishName = (code: Language) => languageInfo(code).englishName;
const STYLE = 'font-family:Arial,sans-serif;color:#1a1a1a;max-width:680px;margin:0 auto;padding:16px';
const cell = 'style="border:1px solid #ccc;padding:4px 8px;text-align:left"';

function table(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const tr = (cells: readonly (string | number)[], tag: string) =>
    `<tr>${cells.map((c) => `<${tag} ${cell}>${escapeHtml(String(c))}</${tag}>`).join('')}</tr>`;
  return `<table style="border-collapse:collapse;margin:8px 0">${tr(head, 'th')}${rows.map((r) => tr(r, 'td')).join('')}</table>`;
}

const textTable = (rows: readonly (readonly (string | number)[])[]) => rows.map((r) => r.join('  ')).join('\n');
const bodyOf = (html: string) => /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
const feedLine = (f: PreviewFeed) =>
  f.status === 'failed'
    ? `FAILED: ${f.error ?? 'unknown error'}`
    : `${f.status}: ${f.created} new, ${f.updated} updated, ${f.unchanged} unchanged, ${f.skipped} skipped`;

/**
 * The editors' preview of an edition: counts per language, each feed's pull, the hold link (a page whose button
 * holds; following the link alone changes nothing), then every language's digest exactly as it will be sent.
 */
export function renderPreviewMail(p: {
  edition: string;
  languages: readonly PreviewLanguage[];
  skipped: readonly Language[];
  why?: Partial<Record<Language, SkipReason>>;
  feeds: readonly PreviewFeed[];
  holdUrl: string;
  held: boolean;
}): RenderedEmail {
  const counts = p.languages.map((l) => [
    englishName(l.language),
    l.commentaries,
    l.readers,
    l.source ? `from ${englishName(l.source)}` : '',
  ]);
  const skipped = p.skipped.map(
    (l) => `${englishName(l)}: ${SKIP_REASON_TEXT[p.why?.[l] ?? 'no-commentaries']}, not sent`,
  );
  const feeds = p.feeds.map((f) => [englishName(f.language), f.url, feedLine(f)]);
  const intro = p.held
    ? `${p.edition} is held: it will not be sent until it is released.`
    : `${p.edition} goes out on schedule. To stop it, open the hold link and press its button.`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Preview ${escapeHtml(p.edition)}</title></head>
<body><div style="${STYLE}">
<h1 style="font-size:20px">Preview of ${escapeHtml(p.edition)}</h1>
<p>${escapeHtml(intro)}</p>
${p.held ? '' : `<p><a href="${escapeHtml(p.holdUrl)}" style="display:inline-block;padding:10px 16px;background:#8b0000;color:#fff;text-decoration:none;border-radius:4px">Hold ${escapeHtml(p.edition)}</a></p>`}
${table(['language', 'commentaries', 'readers', 'note'], counts)}
${skipped.map((s) => `<p>${escapeHtml(s)}</p>`).join('')}
${feeds.length ? `<h2 style="font-size:16px">Feeds</h2>${table(['language', 'feed', 'result'], feeds)}` : ''}
</div>
${p.languages
  .map(
    (l) =>
      `<hr><div style="${STYLE}"><h2 style="font-size:16px">${escapeHtml(englishName(l.language))}: ${escapeHtml(l.digest.subject)}</h2></div>${bodyOf(l.digest.html)}`,
  )
  .join('\n')}
</body></html>`;
  const text = [
    `Preview of ${p.edition}`,
    intro,
    ...(p.held ? [] : [`Hold link: ${p.holdUrl}`]),
    '',
    textTable([['language', 'commentaries', 'readers'], ...counts.map((r) => r.slice(0, 3))]),
    ...skipped,
    ...(feeds.length ? ['', 'Feeds:', ...p.feeds.map((f) => `${f.language} ${f.url}: ${feedLine(f)}`)] : []),
    ...p.languages.map((l) => `\n===== ${englishName(l.language)}: ${l.digest.subject} =====\n${l.digest.text}`),
  ].join('\n');
  return { subject: `[PREVIEW] ${p.edition}: ${p.languages.length} languages${p.held ? ' (held)' : ''}`, html, text };
}

/** Where an edition's send stood when `prepare` ran after it started: the figures so far, the digests as sent. */
export interface StartedPreview {
  readonly edition: string;
  /** `sent`: every e-mail was handed to SES or settled; `sending`: some are still queued. */
  readonly status: 'sending' | 'sent';
  /** When the send started (ISO 8601). */
  readonly startedAt: string;
  readonly languages: Partial<Record<Language, LanguageReport>>;
  readonly skipped: readonly Language[];
  readonly why?: Partial<Record<Language, SkipReason>>;
  readonly removed?: Partial<Record<Language, readonly string[]>>;
  /** Each language's digest as it was sent (the manage link a sample). */
  readonly digests: readonly { readonly language: Language; readonly digest: RenderedEmail }[];
}

/** The sentence a started edition's preview and `prepare`'s answer open with: sent, so no hold link. */
export function startedLine(p: Pick<StartedPreview, 'edition' | 'status' | 'startedAt'>): string {
  const what = p.status === 'sent' ? 'was already sent' : 'is being sent';
  return `${p.edition} ${what} (its send started ${p.startedAt}): it cannot be held or changed, so this preview has no hold link. The figures are what was sent.`;
}

/** A row of counts per language (its English name first) under a head naming the columns. */
function countsTable(languages: Partial<Record<Language, LanguageReport>>, columns: readonly (keyof LanguageReport)[]) {
  const rows = (Object.entries(languages) as [Language, LanguageReport][]).map(([l, r]) => [
    englishName(l),
    // A summary written before the uncertain count existed has none.
    ...columns.map((c) => r[c] ?? 0),
  ]);
  return { head: ['language', ...columns], rows };
}

/** The preview of an edition whose send started: no hold link, the send's figures, the digests as they went out. */
export function renderStartedPreviewMail(p: StartedPreview): RenderedEmail {
  const { head, rows } = countsTable(p.languages, ['planned', 'sent', 'failed', 'skipped', 'uncertain', 'pending']);
  const skipped = reasonLines(p);
  const intro = startedLine(p);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Preview ${escapeHtml(p.edition)}</title></head>
<body><div style="${STYLE}">
<h1 style="font-size:20px">Preview of ${escapeHtml(p.edition)}</h1>
<p>${escapeHtml(intro)}</p>
${table(head, rows)}${skipped.map((s) => `<p>${escapeHtml(s)}</p>`).join('')}
</div>
${p.digests
  .map(
    (d) =>
      `<hr><div style="${STYLE}"><h2 style="font-size:16px">${escapeHtml(englishName(d.language))} as sent: ${escapeHtml(d.digest.subject)}</h2></div>${bodyOf(d.digest.html)}`,
  )
  .join('\n')}
</body></html>`;
  const text = [
    `Preview of ${p.edition}`,
    intro,
    '',
    textTable([head, ...rows]),
    ...skipped,
    ...p.digests.map((d) => `\n===== ${englishName(d.language)} as sent: ${d.digest.subject} =====\n${d.digest.text}`),
  ].join('\n');
  const state = p.status === 'sent' ? 'already sent' : 'being sent';
  return { subject: `[PREVIEW] ${p.edition}: ${state}`, html, text };
}

/** One feed's items its last pull of the edition left out, by reason (items of other weeks aside). */
export interface FeedSkips {
  readonly language: Language;
  readonly url: string;
  readonly skippedBy: Partial<Record<FeedSkipReason, number>>;
}

const FEED_SKIP_TEXT: Record<FeedSkipReason, string> = {
  duplicate: 'with the link of another item (one item per link)',
  'digest-full': "over Gmail's clip size (the digest would have been clipped)",
  'no-date': 'without a date',
  'no-link': 'without a link',
  'no-title': 'without a title',
  'no-topic': 'without a topic',
  'out-of-week': 'of another week',
};

/** Why what the editors may have expected is not in the sent edition: languages, removed items, feed items. */
function reasonLines(p: {
  skipped: readonly Language[];
  why?: Partial<Record<Language, SkipReason>>;
  removed?: Partial<Record<Language, readonly string[]>>;
  feeds?: readonly FeedSkips[];
}): string[] {
  const lines = p.skipped.map(
    (l) => `${englishName(l)}: not sent (${SKIP_REASON_TEXT[p.why?.[l] ?? 'no-commentaries']})`,
  );
  for (const [l, keys] of Object.entries(p.removed ?? {}) as [Language, readonly string[]][])
    lines.push(
      `${englishName(l)}: ${keys.length} ${keys.length === 1 ? 'item' : 'items'} removed by the editors, not sent: ${keys.join(', ')}`,
    );
  for (const f of p.feeds ?? []) {
    const reasons = (Object.entries(f.skippedBy) as [FeedSkipReason, number][]).filter(([, n]) => n > 0);
    const said = reasons.map(([reason, n]) => `${n} ${FEED_SKIP_TEXT[reason]}`).join(', ');
    if (said) lines.push(`${englishName(f.language)} feed ${f.url}: items left out: ${said}`);
  }
  return lines;
}

/**
 * The editors' report once every e-mail of an edition was handed to SES: per language, the week's readers, why
 * a language, an item or a feed item is not in it, and the readers soft bounces suppressed (`softBounces`: the
 * previous edition's, whose bounces came after its report, and this one's so far; docs/importing.md).
 */
export function renderReportMail(p: {
  edition: string;
  languages: Partial<Record<Language, LanguageReport>>;
  skipped: readonly Language[];
  why?: Partial<Record<Language, SkipReason>>;
  removed?: Partial<Record<Language, readonly string[]>>;
  feeds?: readonly FeedSkips[];
  week: { confirmed: number; unsubscribed: number };
  span?: { startedAt: number; finishedAt: number };
  softBounces?: { limit: number; editions: readonly SoftBounceSuppressions[] };
}): RenderedEmail {
  const columns = ['planned', 'sent', 'failed', 'skipped', 'bounced', 'complained', 'uncertain'] as const;
  const { head, rows } = countsTable(p.languages, columns);
  const week = `This week: ${p.week.confirmed} new confirmed readers, ${p.week.unsubscribed} unsubscribed.`;
  const lost = Object.values(p.languages).reduce((n, r) => n + (r?.uncertain ?? 0), 0);
  const skipped = [...reasonLines(p), ...spanLines(p.span)];
  if (lost > 0)
    skipped.push(`uncertain: ${lost} e-mails whose acceptance by SES is unknown (its answer was lost); not resent`);
  const soft = softBounceLines(p.softBounces?.limit ?? 0, p.softBounces?.editions ?? []);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Report ${escapeHtml(p.edition)}</title></head>
<body><div style="${STYLE}"><h1 style="font-size:20px">${escapeHtml(p.edition)} has been sent</h1>
${table(head, rows)}${skipped.map((s) => `<p>${escapeHtml(s)}</p>`).join('')}<p>${escapeHtml(week)}</p>
${soft.map((s) => `<p lang="${s.lang}">${escapeHtml(s.text)}</p>`).join('')}
<p>Bounces and complaints that arrive later are counted in <code>status --edition ${escapeHtml(p.edition)}</code>.</p></div></body></html>`;
  const text = [`${p.edition} has been sent`, '', textTable([head, ...rows]), ...skipped, '', week]
    .concat(soft.map((s) => s.text))
    .join('\n');
  return { subject: `[REPORT] ${p.edition} sent`, html, text };
}
