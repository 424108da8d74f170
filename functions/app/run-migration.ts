import type { MigrationRecords } from './ports/migration-records.ts';

/** What one run of a migration did. */
export interface MigrationRun {
  readonly scanned: number;
  /** Records the migration rewrote. */
  readonly written: number;
  /** Records that changed under the run (their writer came first); the next run looks at them again. */
  readonly changed: number;
  /** True when the run started from a stopped run's checkpoint. */
  readonly resumed: boolean;
}

/**
 * The loop every migration of stored records shares: from the last checkpoint (or the start), page by page, asks
 * `migrate` about each record and saves the checkpoint after each page, so a stopped run resumes; the end clears it.
 * `migrate` answers undefined for a record that needs nothing (so a second run writes nothing), else its
 * conditional write: true when it stored, false when the record changed under the run.
 *
 * @example
 * const run = await runMigration(records, 100, (r) => (r.consent ? records.replace(r.id, r.version, {}) : undefined));
 */
export async function runMigration<Stored>(
  records: MigrationRecords<Stored>,
  pageSize: number,
  migrate: (record: Stored) => Promise<boolean> | undefined,
): Promise<MigrationRun> {
  let cursor = await records.checkpoint();
  const resumed = cursor !== undefined;
  let scanned = 0;
  let written = 0;
  let changed = 0;
  do {
    const page = await records.page(cursor, pageSize);
    for (const record of page.records) {
      scanned++;
      const write = migrate(record);
      if (write === undefined) continue;
      if (await write) written++;
      else changed++;
    }
    cursor = page.cursor;
    await records.saveCheckpoint(cursor);
  } while (cursor !== undefined);
  return { scanned, written, changed, resumed };
}
