import { Parser } from 'htmlparser2';

// Elements whose content is never text a reader should see.
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'head', 'title']);
// Elements that separate words: their edges become a space.
const BREAKS = new Set([
  'br',
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'tr',
  'td',
  'th',
  'blockquote',
  'figure',
  'figcaption',
  'section',
  'article',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);

/**
 * The text a reader sees in an HTML fragment, parsed by htmlparser2 (entities decoded exactly once): no markup, no
 * images, nothing from scripts, styles or frames; block edges become spaces and whitespace is collapsed.
 */
export function htmlToText(html: string): string {
  let out = '';
  let hidden = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (HIDDEN.has(name)) hidden++;
        else if (BREAKS.has(name)) out += ' ';
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        else if (BREAKS.has(name)) out += ' ';
      },
      ontext(text) {
        if (hidden === 0) out += text;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.end(html);
  return collapse(out);
}

// Explicit bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): a right-to-left override
// shows text in another order than it is stored and read ("Trojan source"). Marks (LRM, RLM, ALM) stay.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Removes explicit bidi controls (embeddings, overrides, isolates) from text from outside (feeds, files). */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** Collapses runs of whitespace (and removes control characters and bidi controls) into single spaces, trimmed. */
export function collapse(text: string): string {
  return stripBidiControls(text)
    .replace(/\p{Cc}/gu, (c) => (/\s/.test(c) ? c : ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Shortens text to about `max` characters: whole when it fits, else at the last sentence end in the second half of
 * the allowance, else at the last word boundary, with an ellipsis.
 */
export function cutLead(text: string, max = 400): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = chars.slice(0, max).join('');
  const sentence = /[.!?…](?=\s)/g;
  let end = -1;
  for (let m = sentence.exec(head); m; m = sentence.exec(head)) end = m.index + 1;
  if (end >= head.length / 2) return head.slice(0, end);
  const space = head.lastIndexOf(' ');
  const cut = space >= head.length / 2 ? head.slice(0, space) : head;
  return `${cut.replace(/[\s,;:–—-]+$/, '')}…`;
}
