const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const ENTITY = /&(?:#\d{1,7}|#[xX][\da-fA-F]{1,6}|\w+);/g;

/** Escapes the five HTML-significant characters, for text and attribute values alike. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

/** Like escapeHtml, but keeps the entities an editor wrote (`&amp;`, `&nbsp;`) instead of escaping them twice. */
export function escapeHtmlKeepingEntities(s: string): string {
  let out = '';
  let last = 0;
  for (const match of s.matchAll(ENTITY)) {
    out += escapeHtml(s.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + escapeHtml(s.slice(last));
}
