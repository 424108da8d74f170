import type { RepermissionEntry, RepermissionQueue } from '../../../functions/app/ports/repermission-queue.ts';

const keyOf = (e: RepermissionEntry) => `${String(e.dueAt).padStart(15, '0')}#${e.subscriberId}#${e.step}`;

/** Re-permission steps in a map by due time, reader and step (the DynamoDB sort key), each created and taken once. */
export class MemoryRepermissionQueue implements RepermissionQueue {
  readonly entries = new Map<string, RepermissionEntry>();

  async schedule(entry: RepermissionEntry): Promise<void> {
    if (!this.entries.has(keyOf(entry))) this.entries.set(keyOf(entry), { ...entry });
  }

  async due(now: number, limit: number): Promise<RepermissionEntry[]> {
    return [...this.entries.entries()]
      .filter(([, e]) => e.dueAt <= now)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .slice(0, limit)
      .map(([, e]) => e);
  }

  async take(entry: RepermissionEntry): Promise<boolean> {
    return this.entries.delete(keyOf(entry));
  }
}
