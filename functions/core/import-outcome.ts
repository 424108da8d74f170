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

/** A row that could not be imported: its line and why. Never its address. */
export interface ImportProblem {
  readonly line: number;
  readonly reason: string;
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
