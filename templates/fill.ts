import { escapeHtml } from '../functions/core/html.ts';

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
