import { createHash } from 'node:crypto';
import { Lexer } from 'marked';
import * as z from 'zod/mini';
import { editionOfDate, isEdition, isIsoDate } from './edition.ts';
import { parseFrontMatterYaml } from './front-matter-yaml.ts';
import { LANGUAGES, type Language } from './language.ts';
import { clipMarkdown, renderLeadHtml, renderLeadText } from './markdown.ts';
import { stripBidiControls } from './safe-text.ts';

/** The direction a commentary says the situation is moving. */
export const TRENDS = ['better', 'worse', 'unchanged'] as const;

/** One of `better`, `worse`, `unchanged`. */
export type Trend = (typeof TRENDS)[number];

/** One commentary in one language, validated and with its defaults applied. */
export interface Commentary {
  /** Identity for idempotent re-import: the slug, else `url-` and a hash of the url; stored per language. */
  key: string;
  slug?: string;
  language: Language;
  edition: string;
  date: string;
  title: string;
  topic: string;
  trend?: Trend;
  url: string;
  /** Markdown. */
  lead: string;
  /** The lead as safe inline HTML (raw HTML escaped, only http(s)/mailto links), rendered at import. */
  leadHtml: string;
  /** The lead as plain text, rendered at import. */
  leadText: string;
  /** Markdown. */
  body: string;
  sample?: boolean;
  /** The item's place in its edition from the front matter (1 first); `PUT .../order` goes before it. */
  order?: number;
  /** When the key first arrived in its edition (import order: epoch ms × 1000 + position in the import). */
  arrived?: number;
  /** The trend of a feed item with the same link, shown when the file gives none (the file wins where it sets one). */
  feedTrend?: Trend;
}

/** Something wrong with a commentary file, naming the file and the front matter field (or `body`). */
export interface CommentaryProblem {
  path: string;
  field: string;
  message: string;
}

/** The outcome of reading one commentary file. */
export type CommentaryParseResult = { ok: true; commentary: Commentary } | { ok: false; problems: CommentaryProblem[] };

const FRONT_MATTER_FIELD = '(front matter)';
const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

/** The longest body stored (UTF-8 bytes): the commentary item stays far below DynamoDB's 400 KB. */
export const MAX_BODY_BYTES = 64 * 1024;
/** The longest lead taken from the body's first paragraph (characters, the ellipsis included). */
export const MAX_DERIVED_LEAD = 600;

// Front matter is a handful of scalars: a few aliases are plenty, and the cap stops an exponential expansion early.
const MAX_ALIASES = 20;

function aliasProblem(error: ReferenceError): string {
  return /excessive alias/i.test(error.message)
    ? `too many YAML alias expansions (more than ${MAX_ALIASES}: an alias bomb?); front matter needs no aliases`
    : error.message;
}

const requiredText = (max: number) =>
  z.string('expected text').check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(max, `at most ${max}`));

// YAML 1.2 reads `2026-11-24` as a string, YAML 1.1 (or a `!!timestamp` tag) as a Date: accept both.
const isoDate = z
  .pipe(
    z.union([z.string(), z.date()], 'expected a date as YYYY-MM-DD'),
    z.transform((v: string | Date): string =>
      v instanceof Date ? (Number.isNaN(v.getTime()) ? 'invalid' : v.toISOString().slice(0, 10)) : v,
    ),
  )
  .check(z.refine(isIsoDate, 'expected a real date as YYYY-MM-DD'));

/** The front matter of a commentary file, as the README shows it (unknown keys are rejected as likely typos). */
export const commentaryFrontMatterSchema = z.strictObject({
  title: requiredText(300),
  language: z.enum(LANGUAGES, `expected one of ${LANGUAGES.join(', ')}`),
  date: isoDate,
  edition: z.optional(
    z
      .string('expected an ISO week as YYYY-Www')
      .check(z.refine(isEdition, 'expected an existing ISO week as YYYY-Www')),
  ),
  topic: requiredText(200),
  trend: z.optional(z.enum(TRENDS, `expected one of ${TRENDS.join(', ')}`)),
  url: z.httpUrl('expected an absolute http(s) URL'),
  slug: z.optional(
    z
      .string('expected text')
      .check(z.regex(/^[a-z0-9-]+$/, 'only lowercase letters, digits and hyphens'), z.maxLength(200)),
  ),
  lead: z.optional(requiredText(2000)),
  order: z.optional(z.int('expected a whole number').check(z.gte(1, 'at least 1'), z.lte(1000, 'at most 1000'))),
  sample: z.optional(z.boolean('expected true or false')),
});

/** Reads a commentary file (front matter and Markdown body); lists every problem, each naming file and field. */
export function parseCommentary(source: { path: string; text: string }): CommentaryParseResult {
  const { path } = source;
  // Title, topic, lead and body alike: no text of a file may reorder what a reader sees.
  const text = stripBidiControls(source.text);
  const fail = (field: string, message: string): CommentaryParseResult => ({
    ok: false,
    problems: [{ path, field, message }],
  });
  const match = FRONT_MATTER.exec(text);
  if (!match) return fail(FRONT_MATTER_FIELD, 'the file must start with front matter between two --- lines');

  let data: unknown;
  try {
    const yaml = parseFrontMatterYaml(match[1] ?? '', MAX_ALIASES);
    // One line: the field the error is in, what is wrong, and its line in the file (front matter starts on line 2).
    if (!yaml.ok) {
      const line = yaml.line === undefined ? '' : ` (line ${yaml.line + 1})`;
      return fail(yaml.field ?? FRONT_MATTER_FIELD, `${yaml.message}${line}`);
    }
    data = yaml.data ?? {};
  } catch (error) {
    // An alias bomb (billion laughs) or an alias without its anchor: the yaml package throws a ReferenceError.
    if (error instanceof ReferenceError) return fail(FRONT_MATTER_FIELD, aliasProblem(error));
    throw error;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail(FRONT_MATTER_FIELD, 'the front matter must be a mapping of field: value');
  }

  const problems: CommentaryProblem[] = [];
  const result = commentaryFrontMatterSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) problems.push({ path, field: key, message: 'unknown field' });
      } else {
        const field = issue.path.map(String).join('.') || FRONT_MATTER_FIELD;
        const missing = issue.path.length === 1 && !Object.hasOwn(data, String(issue.path[0]));
        problems.push({ path, field, message: missing ? 'is required' : issue.message });
      }
    }
  }
  const body = text.slice(match[0].length).trim();
  if (body === '') problems.push({ path, field: 'body', message: 'the commentary has no body' });
  const bodyBytes = Buffer.byteLength(body);
  if (bodyBytes > MAX_BODY_BYTES) {
    const kb = (n: number) => `${Math.ceil(n / 1024)} KB`;
    problems.push({ path, field: 'body', message: `the body is ${kb(bodyBytes)}, at most ${kb(MAX_BODY_BYTES)}` });
  }
  const derived = firstParagraph(body);
  const lead = result.data?.lead ?? (derived === undefined ? undefined : clipMarkdown(derived, MAX_DERIVED_LEAD));
  if (result.success && body !== '' && lead === undefined) {
    problems.push({ path, field: 'lead', message: 'no lead given and the body has no paragraph to use' });
  }
  if (!result.success || problems.length > 0 || lead === undefined) return { ok: false, problems };

  const fm = result.data;
  const commentary: Commentary = {
    key: commentaryKey(fm),
    language: fm.language,
    edition: fm.edition ?? editionOfDate(fm.date),
    date: fm.date,
    title: fm.title,
    topic: fm.topic,
    url: fm.url,
    lead,
    leadHtml: renderLeadHtml(lead),
    leadText: renderLeadText(lead),
    body,
  };
  if (fm.slug !== undefined) commentary.slug = fm.slug;
  if (fm.trend !== undefined) commentary.trend = fm.trend;
  if (fm.sample === true) commentary.sample = true;
  if (fm.order !== undefined) commentary.order = fm.order;
  return { ok: true, commentary };
}

/** The identity of a commentary: its slug, else `url-` and the first 16 hex digits of the url's SHA-256. */
export function commentaryKey(fields: { slug?: string | undefined; url: string }): string {
  if (fields.slug) return fields.slug;
  return `url-${createHash('sha256').update(new URL(fields.url).href).digest('hex').slice(0, 16)}`;
}

/** The first paragraph of Markdown (skipping headings, lists, quotes, code and blank lines), or undefined. */
export function firstParagraph(markdown: string): string | undefined {
  const token = Lexer.lex(markdown).find((t) => t.type === 'paragraph');
  return token ? token.raw.trim() : undefined;
}
