import type { RowProblem } from '../import-outcome.ts';
import type { ImportOptions, SuppressionReason } from './types.ts';

/** A header's columns, found by name without regard to case or surrounding spaces. */
export class Header {
  private readonly positions = new Map<string, number>();

  constructor(readonly fields: readonly string[]) {
    fields.forEach((f, i) => {
      const key = f.trim().toLowerCase();
      if (!this.positions.has(key)) this.positions.set(key, i);
    });
  }

  /** The position of the first of `names` the header has. */
  find(...names: string[]): number | undefined {
    for (const n of names) {
      const at = this.positions.get(n.trim().toLowerCase());
      if (at !== undefined) return at;
    }
    return undefined;
  }

  has(...names: string[]): boolean {
    return names.every((n) => this.find(n) !== undefined);
  }
}

/** What a format reads out of one record; times are as the file writes them (`times.ts` reads them). */
export type Evidence =
  | { status: 'confirmed'; optInAt?: string; confirmedAt?: string }
  | { status: 'suppressed'; reason: SuppressionReason }
  | { status: 'repermission' }
  | ({ status: 'problem' } & RowProblem);

export interface RecordFacts {
  readonly email: string | undefined;
  readonly evidence: Evidence;
  /** A value from a language column (`language`, `lang`, a mapped one, an attribute): it must name a language. */
  readonly language?: string | undefined;
  /** Tags, labels or groups: one that names a language gives the row's language; the others mean nothing here. */
  readonly tags?: readonly string[];
}

/** A record's fields by column. */
export type Fields = (at: number | undefined) => string;

/** One export format: how its header looks and what each record means. */
export interface FormatReader {
  /** True when the header is this format's (used when `--format` is not given). */
  detect(header: Header): boolean;
  /** Prepares the reading of records under `header`; throws InvalidInputError when a column it needs is missing. */
  open(header: Header, options: ImportOptions): (field: Fields) => RecordFacts;
}

/** The column `map` names for a field, or the first of the format's own names that the header has. */
export function column(header: Header, options: ImportOptions, field: string, ...names: string[]): number | undefined {
  const mapped = options.map?.[field as keyof NonNullable<ImportOptions['map']>];
  return mapped === undefined ? header.find(...names) : header.find(mapped);
}

/** The language columns every format honours. */
export const LANGUAGE_COLUMNS = ['language', 'lang', 'preferred language', 'preferred_language'];

/** A yes/no cell: `true`, `1`, `yes` (any case) are yes; anything else is no. */
export function yes(value: string): boolean {
  return /^(true|1|yes|y|t)$/i.test(value.trim());
}

/** A list cell: `"a","b"` (Mailchimp), `a, b` (Ghost), `['a', 'b']` or `["a"]` (JSON-ish). */
export function listCell(value: string): string[] {
  const inner = value.trim().replace(/^\[|\]$/g, '');
  const items: string[] = [];
  for (const m of inner.matchAll(/\s*(?:"((?:[^"]|"")*)"|'([^']*)'|([^,]*))\s*(?:,|$)/g)) {
    const item = (m[1]?.replaceAll('""', '"') ?? m[2] ?? m[3] ?? '').trim();
    if (item) items.push(item);
    if (m[0] === '') break;
  }
  return items;
}

/** `language`/`lang` from a JSON object cell (listmonk attributes, Buttondown metadata); undefined if none. */
export function jsonLanguage(value: string): { language?: string; tags?: string[] } {
  try {
    const parsed: unknown = JSON.parse(value);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    const o = parsed as Record<string, unknown>;
    const language = [o.language, o.lang].find((v) => typeof v === 'string') as string | undefined;
    const tags = Array.isArray(o.tags) ? o.tags.filter((t): t is string => typeof t === 'string') : undefined;
    return { ...(language ? { language } : {}), ...(tags ? { tags } : {}) };
  } catch {
    return {};
  }
}
