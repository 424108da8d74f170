import { Lexer, Marked, type RendererObject, type Token, type Tokens } from 'marked';
import type { Commentary, Trend } from './commentary.ts';
import type { Language } from './language.ts';

/** The commentaries one language's digest shows; `source` is set when they come from a fallback language. */
export interface LanguagePlan {
  language: Language;
  source?: Language;
  items: Commentary[];
}

/** One commentary as a digest e-mail shows it. */
export interface DigestItem {
  topic: string;
  trend?: Trend;
  title: string;
  /** Inline HTML (no surrounding `<p>`); raw HTML from the Markdown is escaped, never passed through. */
  leadHtml: string;
  leadText: string;
  url: string;
  sample?: boolean;
}

const SAFE_LINK = /^(https?:|mailto:)/i;

// Raw HTML, text inside raw HTML, unsafe links and images are all rendered inert.
const leadRenderer: RendererObject = {
  html({ text }) {
    return escapeHtml(text);
  },
  text(token) {
    return 'tokens' in token && token.tokens ? this.parser.parseInline(token.tokens) : escapeHtml(token.text);
  },
  link({ href, title, tokens }) {
    const inner = this.parser.parseInline(tokens);
    if (!SAFE_LINK.test(href)) return inner;
    const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
    return `<a href="${escapeHtml(encodeURI(decodeSafely(href)))}"${titleAttr}>${inner}</a>`;
  },
  image({ text }) {
    return escapeHtml(text);
  },
};
const leadMarkdown = new Marked({ async: false, gfm: true, breaks: false, renderer: leadRenderer });

/**
 * The documented digest order: by date ascending, then topic (collated in the items' language), then key.
 * Returns a new array.
 */
export function orderCommentaries(items: Commentary[]): Commentary[] {
  const languages = new Set(items.map((item) => item.language));
  const collator = new Intl.Collator(languages.size === 1 ? [...languages] : 'en');
  return [...items].sort(
    (a, b) => compare(a.date, b.date) || collator.compare(a.topic, b.topic) || compare(a.key, b.key),
  );
}

/**
 * For each language, the edition's commentaries in that language, else those of the first fallback language
 * that has some; languages left with nothing are listed in `skipped`.
 */
export function planEditionLanguages(
  edition: string,
  commentaries: Commentary[],
  languages: Language[],
  fallbacks: Partial<Record<Language, Language[]>>,
): { plans: LanguagePlan[]; skipped: Language[] } {
  const byLanguage = new Map<Language, Commentary[]>();
  for (const item of commentaries) {
    if (item.edition !== edition) continue;
    byLanguage.set(item.language, [...(byLanguage.get(item.language) ?? []), item]);
  }
  const plans: LanguagePlan[] = [];
  const skipped: Language[] = [];
  for (const language of languages) {
    const source = [language, ...(fallbacks[language] ?? [])].find((l) => (byLanguage.get(l)?.length ?? 0) > 0);
    if (source === undefined) {
      skipped.push(language);
      continue;
    }
    const items = orderCommentaries(byLanguage.get(source) ?? []);
    plans.push(source === language ? { language, items } : { language, source, items });
  }
  return { plans, skipped };
}

/** The digest's view of each commentary, with the Markdown lead rendered to safe inline HTML and plain text. */
export function toDigestItems(items: Commentary[]): DigestItem[] {
  return items.map((item) => {
    const view: DigestItem = {
      topic: item.topic,
      title: item.title,
      leadHtml: renderLeadHtml(item.lead),
      leadText: renderLeadText(item.lead),
      url: item.url,
    };
    if (item.trend !== undefined) view.trend = item.trend;
    if (item.sample) view.sample = true;
    return view;
  });
}

/** A lead's Markdown as inline HTML in which raw HTML is shown as text and only http(s)/mailto links remain. */
export function renderLeadHtml(markdown: string): string {
  return leadMarkdown.parseInline(markdown.trim(), { async: false }).trim();
}

/** A lead's Markdown as plain text: emphasis dropped, links as `text (url)`, whitespace collapsed. */
export function renderLeadText(markdown: string): string {
  return plain(Lexer.lexInline(markdown.trim())).replace(/\s+/g, ' ').trim();
}

function plain(tokens: Token[]): string {
  return tokens.map(plainToken).join('');
}

function plainToken(token: Token): string {
  switch (token.type) {
    case 'link': {
      const link = token as Tokens.Link;
      const text = plain(link.tokens);
      if (!SAFE_LINK.test(link.href)) return text;
      return text === link.href || `mailto:${text}` === link.href ? text : `${text} (${link.href})`;
    }
    case 'image':
      return (token as Tokens.Image).text;
    case 'br':
      return '\n';
    case 'html':
    case 'codespan':
    case 'escape':
      return (token as Tokens.HTML | Tokens.Codespan | Tokens.Escape).text;
    default:
      return 'tokens' in token && token.tokens
        ? plain(token.tokens)
        : decodeEntities(String((token as { text?: string }).text ?? ''));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function escapeHtml(text: string): string {
  // Keep entities the editor wrote (`&amp;`, `&nbsp;`) instead of escaping them twice.
  return text
    .replace(/&(?!#\d{1,7};|#[xX][\da-fA-F]{1,6};|\w+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  return text.replace(/&(#\d{1,7}|#[xX][\da-fA-F]{1,6}|\w+);/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[name] ?? whole;
  });
}

function decodeSafely(href: string): string {
  try {
    return decodeURI(href);
  } catch {
    return href;
  }
}
