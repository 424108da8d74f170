import type { ReaderCounts } from '../../../functions/app/ports/reader-counts.ts';
import { countCell } from '../../../functions/core/reader-counts.ts';
import type { MemorySubscriberStore } from './subscriber-store.ts';

/** The readers' counters of a memory store, added up from its subscriptions (the store is the truth here). */
export class MemoryReaderCounts implements ReaderCounts {
  constructor(private readonly store: MemorySubscriberStore) {}

  async cells(): Promise<Record<string, number>> {
    const cells: Record<string, number> = {};
    for (const sub of this.store.items.values()) cells[countCell(sub)] = (cells[countCell(sub)] ?? 0) + 1;
    return cells;
  }
}
