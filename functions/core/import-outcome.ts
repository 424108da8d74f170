/**
 * What one imported row came to: a new confirmed reader; an address confirmed here already (its record kept); a
 * suppression; a pending reader asked for re-permission; an address known here in another state (kept as it is:
 * the import never overrides an unsubscribe, a bounce or a reader's own pending request); or a problem.
 */
export const IMPORT_OUTCOMES = [
  'confirmed',
  'alreadyConfirmed',
  'suppressed',
  'repermission',
  'kept',
  'problem',
] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

/** Rows per outcome and language (`none` for rows without one: suppressions and problems). */
export type ImportTally = Partial<Record<ImportOutcome, Record<string, number>>>;

/**
 * Why a row could not be imported, as a stable code (the desk translates it; docs/importing.md lists them): no
 * address, an invalid one, a language value no one knows, tags naming several languages, no language at all, the
 * same mailbox as an earlier line, a status the export's platform does not have, an unreadable opt-in or
 * confirmation time, and where the file stops being CSV (a quote never closed, a record over 64 KiB, other).
 */
export const IMPORT_PROBLEM_CODES = [
  'no_address',
  'invalid_address',
  'unknown_language',
  'several_languages',
  'no_language',
  'duplicate_in_file',
  'unknown_status',
  'unreadable_optin_time',
  'unreadable_confirm_time',
  'unclosed_quote',
  'record_too_large',
  'broken_csv',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

/**
 * Why a row could not be imported: its `code`, the English `reason` (the CLI's and the API's text), and what the
 * translated text needs: `value` (the cell as the file has it, for unknown values and unreadable times) or
 * `firstLine` (the earlier line of the same mailbox). Never an address.
 */
export interface RowProblem {
  readonly code: ImportProblemCode;
  readonly reason: string;
  readonly value?: string;
  readonly firstLine?: number;
}

/** A row that could not be imported: its line and why. */
export interface ImportProblem extends RowProblem {
  readonly line: number;
}

/** The most of a cell a problem repeats (characters). */
const MAX_PROBLEM_VALUE = 80;

/** A row problem (`extra`: the value or the first line the translated text names). */
export function rowProblem(
  code: ImportProblemCode,
  reason: string,
  extra: { value?: string; firstLine?: number } = {},
): RowProblem {
  const { value } = extra;
  if (value === undefined || value.length <= MAX_PROBLEM_VALUE) return { code, reason, ...extra };
  // A cell may be 64 KiB: 1,000 kept problems must stay far below DynamoDB's 400 KB item.
  const clipped = `${value.slice(0, MAX_PROBLEM_VALUE - 1)}…`;
  return { code, reason: reason.replaceAll(value, clipped), ...extra, value: clipped };
}

/** The most of a file's bytes one `POST /admin/subscribers/imports` carries (docs/importing.md): 1 MiB. */
export const IMPORT_CHUNK_BYTES = 1024 * 1024;

/** What `POST /admin/subscribers/imports` and `GET .../imports/{id}` answer (docs/importing.md). */
export interface ImportAnswer {
  readonly id: string;
  readonly format: string;
  readonly status: 'running' | 'done';
  readonly dryRun: boolean;
  readonly chunks: { readonly done: number; readonly count: number };
  readonly next?: { readonly chunk: number };
  readonly again?: boolean;
  readonly outcomes: ImportTally;
  readonly problemCount: number;
  readonly problems: readonly ImportProblem[];
  readonly carry?: string;
}

/** Problems kept in an import's record (the count goes on; the record stays far below DynamoDB's item limit). */
export const MAX_PROBLEMS_KEPT = 1000;

/** Adds one row to `tally` (in place) and answers it. */
export function countRow(tally: ImportTally, outcome: ImportOutcome, language = 'none'): ImportTally {
  const cell = tally[outcome] ?? {};
  cell[language] = (cell[language] ?? 0) + 1;
  tally[outcome] = cell;
  return tally;
}

/** All rows counted in `tally`. */
export function rowsIn(tally: ImportTally): number {
  let n = 0;
  for (const cell of Object.values(tally)) for (const k of Object.values(cell ?? {})) n += k;
  return n;
}
