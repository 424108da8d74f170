import type { ImportLedger, ImportProgress, ImportRowMark } from '../../../functions/app/ports/import-ledger.ts';
import { ConcurrentUpdateError } from '../../../functions/core/errors.ts';

/** Imports' progress by id (version-guarded) and row marks by reader, then import: what DynamoImportLedger keeps. */
export class MemoryImportLedger implements ImportLedger {
  readonly imports = new Map<string, ImportProgress>();
  readonly marks = new Map<string, Map<string, ImportRowMark>>();

  async progress(importId: string): Promise<ImportProgress | undefined> {
    const stored = this.imports.get(importId);
    return stored ? structuredClone(stored) : undefined;
  }

  async saveProgress(progress: ImportProgress): Promise<ImportProgress> {
    if ((this.imports.get(progress.id)?.version ?? 0) !== progress.version)
      throw new ConcurrentUpdateError({ importId: progress.id });
    const stored = { ...structuredClone(progress), version: progress.version + 1 };
    this.imports.set(progress.id, stored);
    return structuredClone(stored);
  }

  async markRows(importId: string, rows: readonly { subscriberId: string; mark: ImportRowMark }[]): Promise<void> {
    for (const { subscriberId, mark } of rows) {
      const reader = this.marks.get(subscriberId) ?? new Map<string, ImportRowMark>();
      reader.set(importId, { ...mark });
      this.marks.set(subscriberId, reader);
    }
  }

  async eraseReader(subscriberId: string): Promise<void> {
    this.marks.delete(subscriberId);
  }

  /** The reader's mark of the import (what ImportReads.heldFor answers as `mark`). */
  markOf(importId: string, subscriberId: string): ImportRowMark | undefined {
    return this.marks.get(subscriberId)?.get(importId);
  }
}
