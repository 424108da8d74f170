import type { MigrationRecords } from '../../../functions/app/ports/migration-records.ts';

/**
 * Subscriber records in a Map by id, paged in id order (the cursor: the last id answered, base64url), and one
 * checkpoint: what every in-memory migration port shares. `put` stores a record as a reader's own write would.
 */
export abstract class MemoryMigrationRecords<Stored extends { readonly id: string; readonly version: number }>
  implements MigrationRecords<Stored>
{
  readonly items = new Map<string, Stored>();
  private saved: string | undefined;

  put(record: Stored): void {
    this.items.set(record.id, structuredClone(record));
  }

  async page(cursor: string | undefined, limit: number): Promise<{ records: Stored[]; cursor?: string }> {
    const after = cursor === undefined ? undefined : Buffer.from(cursor, 'base64url').toString('utf8');
    const ids = [...this.items.keys()].sort().filter((id) => after === undefined || id > after);
    const records = ids.slice(0, limit).map((id) => structuredClone(this.items.get(id) as Stored));
    if (ids.length <= limit) return { records };
    return { records, cursor: Buffer.from(ids[limit - 1] as string).toString('base64url') };
  }

  async checkpoint(): Promise<string | undefined> {
    return this.saved;
  }

  async saveCheckpoint(cursor: string | undefined): Promise<void> {
    this.saved = cursor;
  }

  /** Applies `change` to the record if it is still at `version`; false when it moved on or is gone. */
  protected atVersion(id: string, version: number, change: (stored: Stored) => Stored): boolean {
    const stored = this.items.get(id);
    if (stored?.version !== version) return false;
    this.items.set(id, change(structuredClone(stored)));
    return true;
  }
}
