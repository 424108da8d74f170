import type { ErasureMarkers } from '../../../functions/app/ports/erasure-markers.ts';

/** Erasure markers in a map: subscriber id to the time of the erasure. */
export class MemoryErasureMarkers implements ErasureMarkers {
  readonly markers = new Map<string, number>();

  async mark(subscriberId: string, at: number): Promise<void> {
    this.markers.set(subscriberId, Math.max(at, this.markers.get(subscriberId) ?? 0));
  }

  async erasedAt(subscriberId: string): Promise<number | undefined> {
    return this.markers.get(subscriberId);
  }

  async among(subscriberIds: readonly string[]): Promise<ReadonlySet<string>> {
    return new Set(subscriberIds.filter((id) => this.markers.has(id)));
  }

  async clear(subscriberId: string): Promise<void> {
    this.markers.delete(subscriberId);
  }
}
