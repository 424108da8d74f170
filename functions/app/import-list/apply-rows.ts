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
import { withOptimisticRetry } from '../optimistic-retry.ts';
import type { AddressCipher } from '../ports/address-cipher.ts';
import type { ImportLedger, ImportProgress, ImportRowMark } from '../ports/import-ledger.ts';
import type { HeldReader, ImportReads } from '../ports/import-reads.ts';
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
  readonly ledger: ImportLedger;
  /** What each group of rows is decided on, read in one round. */
  readonly reads: ImportReads;
  /** Where a re-permission request's e-mail is scheduled. */
  readonly repermissions: Pick<RepermissionQueue, 'schedule'>;
  /** Seals a new reader's address to its record (never opens one here). */
  readonly cipher: Pick<AddressCipher, 'seal'>;
  readonly idKey: Uint8Array;
  readonly now: () => number;
  readonly log: Log;
}

/** Rows applied at once: their readers' items in one BatchGetItem (4 each, 100 at most), their marks in one batch. */
const PARALLEL_ROWS = 25;

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

/** A row as read: its reader and address (or its problem), and the reader's keyed id. */
interface KeyedRow {
  readonly raw: ImportRow;
  readonly r: ReturnType<typeof readable>;
  readonly id?: string;
}

function keyed(deps: ImportListDeps, raw: ImportRow): KeyedRow {
  const r = readable(raw);
  return 'problem' in r ? { raw, r } : { raw, r, id: subscriberIdFor(deps.idKey, r.key) };
}

/** A mark to record once the group's rows are applied. */
type MarkOut = { subscriberId: string; mark: ImportRowMark };

/**
 * One row, decided on what its group read (`held`): a reader already recorded by this import keeps that outcome and
 * nothing is written; else the row is decided and applied (unless `dryRun`), and its mark added to `marks`, which
 * the group records after all its rows are applied. Applied before recorded: an import stopped in between finds the
 * reader as it left it (decideRow knows its own import's readers) and records it then.
 */
async function importRow(
  deps: ImportListDeps,
  run: DryRun,
  dryRun: boolean,
  { raw, r, id }: KeyedRow,
  held: HeldReader,
  marks: MarkOut[],
): Promise<RowResult> {
  if ('problem' in r) return { outcome: 'problem', problem: r.problem };
  if (id === undefined) throw new Error('a readable row has its reader id (keyed)');
  const language = r.row.kind === 'suppressed' ? undefined : r.row.language;
  // A dry run marks nothing: the lines of the readers its earlier chunks saw travel in its carry instead.
  const seenAt = dryRun ? run.seen?.lineOf(id) : undefined;
  const mark = dryRun ? (seenAt === undefined ? undefined : { line: seenAt }) : held.mark;
  if (mark && mark.line !== raw.line) {
    const problem = rowProblem('duplicate_in_file', `same address as line ${mark.line}`, { firstLine: mark.line });
    return { outcome: 'problem', problem };
  }
  if (mark && 'outcome' in mark)
    return { outcome: mark.outcome, ...(mark.language ? { language: mark.language } : {}) };
  const { mark: _m, ...state } = held;
  const d = decideRow(r.row, id, state, run, () => deps.cipher.seal(r.address, id));
  const shown = d.outcome === 'suppressed' ? undefined : (d.save?.language ?? state.existing?.language ?? language);
  const result = { outcome: d.outcome, ...(shown ? { language: shown } : {}) };
  if (dryRun) {
    run.seen?.add(id, raw.line);
    return result;
  }
  // The suppression first: a reader this file lists as gone is never mailed, even if the import stops here.
  if (d.suppress) await deps.suppressions.suppress(id, d.suppress);
  if (d.save) await deps.store.save(d.save);
  // Once per reader and import (the entry's key is the import's start and the reader): a resumed import adds none.
  if (d.outcome === 'repermission')
    await deps.repermissions.schedule({ subscriberId: id, importId: run.importId, step: 'mail', dueAt: run.now });
  marks.push({ subscriberId: id, mark: { line: raw.line, ...result } });
  return result;
}

/**
 * importRow, decided again on a fresh read of its reader when the reader moved on since the group's read (a send's
 * claim moves each reader's version on, so an import running beside a send meets this).
 */
function importFresh(
  deps: ImportListDeps,
  run: DryRun & { readonly dryRun: boolean },
  k: KeyedRow,
  held: HeldReader,
  marks: MarkOut[],
) {
  let read = held;
  let again = false;
  return withOptimisticRetry(async () => {
    if (again && k.id !== undefined) read = (await deps.reads.heldFor(run.importId, [k.id])).get(k.id) ?? {};
    again = true;
    return importRow(deps, run, run.dryRun, k, read, marks);
  });
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
  const group: KeyedRow[] = [];
  const inGroup = new Set<string>();
  // A group's rows are distinct readers, read in one round and applied at once; a reader again waits for the group
  // before it; the group's marks are recorded together once its rows are applied.
  const flush = async () => {
    const ids = group.flatMap((k) => (k.id ? [k.id] : []));
    const held = ids.length ? await deps.reads.heldFor(run.importId, ids) : new Map<string, HeldReader>();
    const marks: MarkOut[] = [];
    const results = await Promise.all(
      group.map((k) => importFresh(deps, run, k, (k.id && held.get(k.id)) || {}, marks)),
    );
    if (marks.length) await deps.ledger.markRows(run.importId, marks);
    group.forEach(({ raw: row }, i) => {
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
    const k = keyed(deps, row);
    if (k.id !== undefined && inGroup.has(k.id)) await flush();
    if (k.id !== undefined) inGroup.add(k.id);
    group.push(k);
    if (group.length >= PARALLEL_ROWS) await flush();
  }
  await flush();
  return { progress: snapshot(), complete: true };
}
