import type { HoldStore } from '../../../functions/app/ports/hold-store.ts';

/** Editions' holds in a Map: who held each and when. */
export class MemoryHoldStore implements HoldStore {
  readonly items = new Map<string, { by: string; at: number }>();

  /** True when the edition is held. */
  async isHeld(edition: string): Promise<boolean> {
    return this.items.has(edition);
  }

  /** Holds the edition (the latest caller stays). */
  async hold(edition: string, by: string, at: number): Promise<void> {
    this.items.set(edition, { by, at });
  }

  /** Lifts the hold; false when there was none. */
  async release(edition: string): Promise<boolean> {
    return this.items.delete(edition);
  }
}
