import { Lexer, Marked, type RendererObject, type Token, type Tokens } from 'marked';
import { escapeHtmlKeepingEntities } from './html.ts';

// Markdown is rendered when a commentary is imported, so the functions that send never load a Markdown library.

const SAFE_LINK = /^(https?:|mailto:)/i;

// Raw HTML, text inside raw HTML, unsafe links and images are all rendered inert.
const leadRenderer: RendererObject = {
  html({ text }) {
    return escapeHtmlKeepingEntities(text);
  },
  text(token) {
    return 'tokens' in token && token.tokens
      ? this.parser.parseInline(token.tokens)
      : escapeHtmlKeepingEntities(token.text);
  },
  link({ href, title, tokens }) {
    const inner = this.parser.parseInline(tokens);
    if (!SAFE_LINK.test(href)) return inner;
    const titleAttr = title ? ` title="${escapeHtmlKeepingEntities(title)}"` : '';
    return `<a href="${escapeHtmlKeepingEntities(encodeURI(decodeSafely(href)))}"${titleAttr}>${inner}</a>`;
  },
  image({ text }) {
    return escapeHtmlKeepingEntities(text);
  },
};
const leadMarkdown = new Marked({ async: false, gfm: true, breaks: false, renderer: leadRenderer });

/** A lead's Markdown as inline HTML in which raw HTML is shown as text and only http(s)/mailto links remain. */
export function renderLeadHtml(markdown: string): string {
  return leadMarkdown.parseInline(markdown.trim(), { async: false }).trim();
}

/**
 * Markdown cut to at most `max` characters with an ellipsis: at a word boundary inside text, never inside a link,
 * emphasis or code (those are kept whole or left out), so the cut renders cleanly. Shorter Markdown is returned as is.
 */
export function clipMarkdown(markdown: string, max: number): string {
  const text = markdown.trim();
  if (text.length <= max) return text;
  const room = max - 1;
  let out = '';
  for (const token of Lexer.lexInline(text)) {
    if (out.length + token.raw.length <= room) {
      out += token.raw;
      continue;
    }
    if (token.type === 'text') {
      const part = token.raw.slice(0, room - out.length);
      const atBoundary = /\s/.test(token.raw[part.length] ?? ' ');
      const space = atBoundary ? part.length : part.search(/\s\S*$/);
      out += space >= 0 ? part.slice(0, space) : out === '' ? part : '';
    }
    break;
  }
  return `${out.replace(/[\s,;:–—-]+$/, '')}…`;
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

/**
 * An editor's note: each paragraph (blank-line separated) rendered as a lead is (raw HTML shown as text, only
 * http(s)/mailto links), as `<p>` elements, and as plain text paragraphs.
 */
export function renderNote(markdown: string): { markdown: string; html: string; text: string } {
  const paragraphs = markdown
    .trim()
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const html = paragraphs.map((p) => `<p>${renderLeadHtml(p)}</p>`).join('');
  return { markdown: markdown.trim(), html, text: paragraphs.map(renderLeadText).join('\n\n') };
}
