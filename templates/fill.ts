/** A ready-to-send e-mail: subject line, HTML part and plain-text part. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes the five HTML-significant characters, for text and attribute values alike. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

const PLACEHOLDER = /\{\{\{(\w+)\}\}\}|\{\{(\w+)\}\}/g;

/** Fills `{{name}}` with the HTML-escaped value and `{{{name}}}` with the raw value; a missing value throws. */
export function fillTemplate(html: string, values: Record<string, string>): string {
  return html.replace(PLACEHOLDER, (_whole, raw: string | undefined, escaped: string | undefined) => {
    const name = (raw ?? escaped) as string;
    const value = values[name];
    if (value === undefined) throw new Error(`No value for template placeholder "${name}"`);
    return raw === undefined ? escapeHtml(value) : value;
  });
}
