import { isMap, isScalar, LineCounter, parseDocument, type Tags, type YAMLError } from 'yaml';

const TIMESTAMP = 'tag:yaml.org,2002:timestamp';

// A `!!timestamp` tag yields its text, not a Date: the value is then checked like the same value untagged (a Date
// would let `2026-02-30` roll over to March 2 and a time zone move the day).
const timestampAsText = { tag: TIMESTAMP, resolve: (text: string) => text, identify: () => false };
const customTags = (tags: Tags): Tags => [
  ...tags.filter((t) => typeof t === 'string' || t.tag !== TIMESTAMP),
  timestampAsText,
];

/** The front matter as data, or the first syntax problem as one line naming the field it is in. */
export type FrontMatterYaml =
  | { ok: true; data: unknown }
  | { ok: false; field: string | undefined; message: string; line: number | undefined };

// What the common mistakes mean, in the editor's words; other errors keep the parser's first line.
const HINTS: Partial<Record<YAMLError['code'], string>> = {
  BLOCK_AS_IMPLICIT_KEY: 'a colon followed by a space inside an unquoted value: put the value in "quotes"',
  MISSING_CHAR: 'a quote or bracket is not closed',
  DUPLICATE_KEY: 'the field is given twice',
  TAB_AS_INDENT: 'tabs cannot indent YAML: use spaces',
};

/**
 * Parses front matter YAML (aliases capped at `maxAliasCount`; a ReferenceError past it). A syntax error names the
 * top-level field it is in (the last one starting before it) and its line within the YAML (1-based).
 */
export function parseFrontMatterYaml(source: string, maxAliasCount: number): FrontMatterYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { customTags, lineCounter });
  const error = doc.errors[0];
  if (!error) return { ok: true, data: doc.toJS({ maxAliasCount }) };
  const at = error.pos[0];
  // The field the error is in, and where that field starts: the parser often notices a missing `]` lines later.
  let field: { name: string; offset: number } | undefined;
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = pair.key;
      if (isScalar(key) && key.range && key.range[0] < Math.max(at, 1))
        field = { name: String(key.value), offset: key.range[0] };
    }
  }
  const parserLine = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.code;
  const message = /^Flow (sequence|mapping)/.test(parserLine)
    ? 'a [ or { is not closed'
    : (HINTS[error.code] ?? parserLine);
  return { ok: false, field: field?.name, message, line: lineCounter.linePos(field?.offset ?? at).line };
}
