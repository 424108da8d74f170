import type { Suppression, Suppressions } from '../../../functions/app/ports/suppressions.ts';

/** Suppressions in a map by subscriber id: the first one kept. */
export class MemorySuppressions implements Suppressions {
  readonly kept = new Map<string, Suppression>();

  async suppress(subscriberId: string, suppression: Suppression): Promise<boolean> {
    if (this.kept.has(subscriberId)) return false;
    this.kept.set(subscriberId, { ...suppression });
    return true;
  }

  async suppressionOf(subscriberId: string): Promise<Suppression | undefined> {
    return this.kept.get(subscriberId);
  }
}
