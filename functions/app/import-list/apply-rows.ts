import { normalizeEmail } from '../../core/email.ts';
import { InvalidInputError } from '../../core/errors.ts';
import { subscriberIdFor } from '../../core/identity.ts';
import {
  countRow,
  type ImportOutcome,
  MAX_PROBLEMS_KEPT,
  type RowProblem,
  rowProblem,
} from '../../core/import-outcome.ts';
import { isLanguage } from '../../core/language.ts';
import type { AddressCipher } from '../ports/address-cipher.ts';
import type { ErasureMarkers } from '../ports/erasure-markers.ts';
import type { ImportLedger, ImportProgress } from '../ports/import-ledger.ts';
import type { Log } from '../ports/log.ts';
import type { RepermissionQueue } from '../ports/repermission-queue.ts';
import type { SubscriberStore } from '../ports/subscriber-store.ts';
import type { Suppressions } from '../ports/suppressions.ts';
import { decideRow, type ImportRun, type ReaderRow } from './decide.ts';
import type { ImportRow } from './row.ts';
import type { SeenReaders } from './seen-readers.ts';

/** Dependencies of an import. */
export interface ImportListDeps {
  readonly store: SubscriberStore;
  readonly suppressions: Suppressions;
  readonly erasures: Pick<ErasureMarkers, 'erasedAt'>;
  readonly ledger: ImportLedger;
  /** Where a re-permission request's e-mail is scheduled. */
  readonly repermissions: Pick<RepermissionQueue, 'schedule'>;
  /** Seals a new reader's address to its record (never opens one here). */
  readonly cipher: Pick<AddressCipher, 'seal'>;
  readonly idKey: Uint8Array;
  readonly now: () => number;
  readonly log: Log;
}

/** Rows applied at once (each a few reads and writes of its own reader's items). */
const PARALLEL_ROWS = 16;

/** A run, and for a dry run in chunks the line of each reader its earlier rows decided (by id; see import-chunk.ts). */
type DryRun = ImportRun & { readonly seen?: SeenReaders };

/** What one row came to (a problem's reason never holds the address). */
interface RowResult {
  readonly outcome: ImportOutcome;
  readonly language?: string;
  readonly problem?: RowProblem;
}

/** The row's reader, or the reason it is a problem. */
function readable(row: ImportRow): { row: ReaderRow; address: string; key: string } | { problem: RowProblem } {
  if (row.kind === 'problem') {
    const { line: _l, kind: _k, ...problem } = row;
    return { problem };
  }
  let address: { address: string; key: string };
  try {
    address = normalizeEmail(row.email);
  } catch (error) {
    if (error instanceof InvalidInputError) return { problem: rowProblem('invalid_address', 'invalid address') };
    throw error;
  }
  if (row.kind === 'suppressed') return { row: { kind: 'suppressed', reason: row.reason }, ...address };
  if (!isLanguage(row.language))
    return { problem: rowProblem('unknown_language', 'unknown language', { value: row.language }) };
  const { line: _l, email: _e, ...rest } = row;
  return { row: { ...rest, language: row.language } as ReaderRow, ...address };
}

/**
 * One row: a reader already recorded by this import keeps that outcome and nothing is written; else the row is
 * decided against what is held and applied (unless `dryRun`), then recorded once. Applied before recorded: an import
 * stopped in between finds the reader as it left it (decideRow knows its own import's readers) and records it then.
 */
async function importRow(deps: ImportListDeps, run: DryRun, dryRun: boolean, raw: ImportRow): Promise<RowResult> {
  const r = readable(raw);
  if ('problem' in r) return { outcome: 'problem', problem: r.problem };
  const id = subscriberIdFor(deps.idKey, r.key);
  const language = r.row.kind === 'suppressed' ? undefined : r.row.language;
  // A dry run marks nothing: the lines of the readers its earlier chunks saw travel in its carry instead.
  const seenAt = dryRun ? run.seen?.lineOf(id) : undefined;
  const mark = dryRun
    ? seenAt === undefined
      ? undefined
      : { line: seenAt }
    : await deps.ledger.rowOf(run.importId, id);
  if (mark && mark.line !== raw.line) {
    const problem = rowProblem('duplicate_in_file', `same address as line ${mark.line}`, { firstLine: mark.line });
    return { outcome: 'problem', problem };
  }
  if (mark && 'outcome' in mark)
    return { outcome: mark.outcome, ...(mark.language ? { language: mark.language } : {}) };
  const [existing, suppression, erasedAt] = await Promise.all([
    deps.store.get(id),
    deps.suppressions.suppressionOf(id),
    deps.erasures.erasedAt(id),
  ]);
  const held = {
    ...(existing ? { existing } : {}),
    ...(suppression ? { suppression } : {}),
    ...(erasedAt ? { erasedAt } : {}),
  };
  const d = decideRow(r.row, id, held, run, () => deps.cipher.seal(r.address, id));
  const shown = d.outcome === 'suppressed' ? undefined : (d.save?.language ?? existing?.language ?? language);
  if (dryRun) {
    run.seen?.add(id, raw.line);
    return { outcome: d.outcome, ...(shown ? { language: shown } : {}) };
  }
  // The suppression first: a reader this file lists as gone is never mailed, even if the import stops here.
  if (d.suppress) await deps.suppressions.suppress(id, d.suppress);
  if (d.save) await deps.store.save(d.save);
  // Once per reader and import (the entry's key is the import's start and the reader): a resumed import adds none.
  if (d.outcome === 'repermission')
    await deps.repermissions.schedule({ subscriberId: id, importId: run.importId, step: 'mail', dueAt: run.now });
  await deps.ledger.markRow(run.importId, id, {
    line: raw.line,
    outcome: d.outcome,
    ...(shown ? { language: shown } : {}),
  });
  return { outcome: d.outcome, ...(shown ? { language: shown } : {}) };
}

/**
 * Applies `rows` to `progress` (rows at or before its last line were counted already and are skipped): counts each
 * by outcome and language, keeps the problems with their lines. Stores a checkpoint every `checkpointRows` rows
 * (not in a dry run), so an import stopped anywhere resumes after the last checkpoint and re-finds the rows after it.
 * Answers whether every row was applied (`stop` may end it before).
 */
export async function applyRows(
  deps: ImportListDeps,
  run: DryRun & { readonly dryRun: boolean; readonly checkpointRows: number },
  start: ImportProgress,
  rows: AsyncIterable<ImportRow>,
  /** Asked before each row: true stops there (a request's time budget), the rows after it left for the next call. */
  stop: () => boolean = () => false,
): Promise<{ progress: ImportProgress; complete: boolean }> {
  let progress = start;
  const tally = structuredClone(start.tally);
  const problems = [...start.problems];
  let { problemCount, lastLine } = start;
  let sinceCheckpoint = 0;
  const snapshot = (): ImportProgress => ({
    ...progress,
    tally: structuredClone(tally),
    problems: [...problems],
    problemCount,
    lastLine,
    updatedAt: deps.now(),
  });
  const group: ImportRow[] = [];
  const inGroup = new Set<string>();
  // A group's rows are distinct addresses, applied at once; an address again waits for the group before it.
  const flush = async () => {
    const results = await Promise.all(group.map((row) => importRow(deps, run, run.dryRun, row)));
    group.forEach((row, i) => {
      const result = results[i] as RowResult;
      countRow(tally, result.outcome, result.language);
      if (result.problem !== undefined) {
        problemCount++;
        if (problems.length < MAX_PROBLEMS_KEPT) problems.push({ line: row.line, ...result.problem });
      }
      lastLine = row.line;
    });
    sinceCheckpoint += group.length;
    group.length = 0;
    inGroup.clear();
    if (!run.dryRun && sinceCheckpoint >= run.checkpointRows) {
      progress = await deps.ledger.saveProgress(snapshot());
      sinceCheckpoint = 0;
    }
  };
  for await (const row of rows) {
    if (row.line <= start.lastLine) continue;
    if (stop()) {
      await flush();
      return { progress: snapshot(), complete: false };
    }
    const address = 'email' in row ? row.email.trim().toLowerCase() : undefined;
    if (address !== undefined && inGroup.has(address)) await flush();
    if (address !== undefined) inGroup.add(address);
    group.push(row);
    if (group.length >= PARALLEL_ROWS) await flush();
  }
  await flush();
  return { progress: snapshot(), complete: true };
}
