import { ConflictError } from '../../core/errors.ts';
import type { ImportFile, ImportProgress } from '../ports/import-ledger.ts';
import { applyRows, type ImportListDeps } from './apply-rows.ts';
import type { ImportRow } from './row.ts';

/** How long a re-permission request waits before its record is erased (the design: 30 days). */
export const REPERMISSION_WINDOW_MS = 30 * 86_400_000;
/** Rows between two checkpoints of an import's progress. */
export const CHECKPOINT_ROWS = 100;

/** An import as asked for: the file, its format and options, the caller. */
export interface ImportRequest {
  readonly file: ImportFile;
  readonly format: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly by: string;
  readonly chunkCount: number;
  readonly updateLanguage?: boolean;
  readonly dryRun?: boolean;
}

/** A progress record for an import not started yet (version 0: not stored). */
export function freshProgress(req: ImportRequest, now: number): ImportProgress {
  return {
    id: req.file.sha256,
    file: req.file,
    format: req.format,
    options: req.options,
    by: req.by,
    startedAt: now,
    updatedAt: now,
    chunkCount: req.chunkCount,
    chunksDone: 0,
    lastLine: 0,
    tally: {},
    problems: [],
    problemCount: 0,
    done: false,
    version: 0,
  };
}

/** The import's stored progress, a fresh one, or 409 when the same file was started with other options. */
export async function progressFor(deps: ImportListDeps, req: ImportRequest): Promise<ImportProgress> {
  const stored = req.dryRun ? undefined : await deps.ledger.progress(req.file.sha256);
  if (!stored) return freshProgress(req, deps.now());
  if (canonical(stored.options) !== canonical(req.options) || stored.format !== req.format)
    throw new ConflictError('import_options_differ', 'this file was imported with other options; send the same ones');
  return stored;
}

/** JSON with sorted keys: the same options however the client ordered them. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v,
  );
}

/** The run's settings for `progress` (its own start time: a resumed import writes what the first run would have). */
export function runOf(req: Pick<ImportRequest, 'updateLanguage' | 'dryRun'>, progress: ImportProgress) {
  return {
    importId: progress.id,
    format: progress.format,
    fileName: progress.file.name,
    by: progress.by,
    now: progress.startedAt,
    updateLanguage: req.updateLanguage === true,
    repermissionWindowMs: REPERMISSION_WINDOW_MS,
    dryRun: req.dryRun === true,
    checkpointRows: CHECKPOINT_ROWS,
  };
}

/**
 * Imports a whole file's rows: a finished import answers its outcome and writes nothing; an interrupted one resumes
 * after its last checkpoint; a dry run decides every row against what is held and writes nothing.
 */
export async function importList(
  deps: ImportListDeps,
  req: ImportRequest,
  rows: AsyncIterable<ImportRow>,
): Promise<ImportProgress> {
  const progress = await progressFor(deps, req);
  if (progress.done) return progress;
  const { progress: after } = await applyRows(deps, runOf(req, progress), progress, rows);
  const finished = { ...after, chunksDone: req.chunkCount, done: true };
  return req.dryRun ? finished : deps.ledger.saveProgress(finished);
}
