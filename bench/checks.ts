import type { ImportScan } from './import-scan.ts';

/** What one dispatch put on the queue: ids in all messages, distinct ids, and ids that came more than once. */
export interface QueuedCount {
  readonly ids: number;
  readonly distinct: number;
  readonly twice: number;
}

/** Counts the reader ids of the queued messages' bodies (`{ ids: string[] }`), duplicates included. */
export function countQueued(bodies: readonly string[]): QueuedCount {
  const seen = new Set<string>();
  let ids = 0;
  let twice = 0;
  for (const body of bodies)
    for (const id of (JSON.parse(body) as { ids: string[] }).ids) {
      ids++;
      if (seen.has(id)) twice++;
      else seen.add(id);
    }
  return { ids, distinct: seen.size, twice };
}

/** True when every one of `readers` readers was queued exactly once: as many ids as readers, none twice. */
export function everyReaderOnce(q: QueuedCount, readers: number): boolean {
  return q.ids === readers && q.distinct === readers && q.twice === 0;
}

/** What an import should have left, as bench/import-scan.ts reads it back, and what the scan found. */
export interface ImportStored {
  readonly expected: Record<string, Record<string, number>>;
  readonly outcomes: Partial<Record<string, Record<string, number>>>;
  readonly scan: Omit<ImportScan, 'items'>;
}

const total = (cell: Record<string, number> | undefined) => Object.values(cell ?? {}).reduce((a, b) => a + b, 0);
const sorted = (x: unknown) =>
  JSON.stringify(x, (_k, v) => (v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort()) : v));

/**
 * The failures of an import's check (none: every row stored exactly once with the right outcome): the answer's
 * outcomes as generated; one reader per confirmed or re-permission row, by status and language; one suppression per
 * suppressed row; one mark per row that is not a problem, each for its own reader; one re-permission step per
 * re-permission reader; no item with an address in clear.
 */
export function importStoredFailures(f: ImportStored): string[] {
  const { expected: e, scan } = f;
  const readers: Record<string, number> = {};
  for (const [kind, status] of [
    ['confirmed', 'confirmed'],
    ['repermission', 'pending'],
  ] as const)
    for (const [lang, n] of Object.entries(e[kind] ?? {})) readers[`${status}#${lang}`] = n;
  const marks = Object.fromEntries(
    ['confirmed', 'suppressed', 'repermission'].filter((k) => e[k]).map((k) => [k, total(e[k])]),
  );
  const stored = total(e.confirmed) + total(e.suppressed) + total(e.repermission);
  const failures: string[] = [];
  const expect = (what: string, got: unknown, want: unknown) => {
    if (sorted(got) !== sorted(want)) failures.push(`${what}: ${sorted(got)}, expected ${sorted(want)}`);
  };
  expect('outcomes', f.outcomes, e);
  expect('readers', scan.readers, readers);
  expect('suppressions', scan.suppressions, total(e.suppressed));
  expect('marks', scan.marks, marks);
  expect('marked readers', scan.markedReaders, stored);
  expect('re-permission steps', [scan.steps, scan.steppedReaders], [total(e.repermission), total(e.repermission)]);
  expect('items with an address in clear', scan.clear, 0);
  return failures;
}
