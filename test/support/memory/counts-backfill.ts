import type { BackfillStep, CountsBackfill, ReaderCounts } from '../../../functions/app/ports/reader-counts.ts';
import { InvalidInputError } from '../../../functions/core/errors.ts';
import { countCell } from '../../../functions/core/reader-counts.ts';
import type { MemorySubscriberStore } from './subscriber-store.ts';

/**
 * The counters of a memory store some of whose subscriptions were stored before the counters existed (`uncounted`):
 * the counters add up every other subscription, as DynamoReaderCounts adds up those its store marked counted.
 */
export class MemoryLegacyCounts implements ReaderCounts {
  readonly uncounted = new Set<string>();

  constructor(readonly store: MemorySubscriberStore) {}

  async cells(): Promise<Record<string, number>> {
    const cells: Record<string, number> = {};
    for (const sub of this.store.items.values())
      if (!this.uncounted.has(sub.id)) cells[countCell(sub)] = (cells[countCell(sub)] ?? 0) + 1;
    return cells;
  }
}

/** The backfill over MemoryLegacyCounts: pages of the store by id; counting one bumps its version, as on DynamoDB. */
export class MemoryCountsBackfill implements CountsBackfill {
  constructor(
    private readonly counts: MemoryLegacyCounts,
    private readonly pageItems = 500,
  ) {}

  async backfillCounts(after?: string): Promise<BackfillStep> {
    const from = after === undefined ? undefined : decodeCursor(after);
    const ids = [...this.counts.store.items.keys()].sort().filter((id) => from === undefined || id > from);
    const page = ids.slice(0, this.pageItems);
    let counted = 0;
    for (const id of page) {
      const sub = this.counts.store.items.get(id);
      if (sub === undefined || !this.counts.uncounted.delete(id)) continue;
      this.counts.store.items.set(id, { ...sub, version: sub.version + 1 });
      counted++;
    }
    const next = ids.length > page.length ? Buffer.from(JSON.stringify(page.at(-1))).toString('base64url') : undefined;
    return { counted, already: page.length - counted, ...(next ? { next } : {}) };
  }
}

function decodeCursor(cursor: string): string {
  try {
    const id = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (typeof id === 'string') return id;
  } catch {
    // refused below
  }
  throw new InvalidInputError('invalid_cursor', 'after is not a cursor this backfill answered');
}
