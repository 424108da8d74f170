/**
 * What remains of an erased reader (DynamoErasureMarkers): only the subscriber id, a keyed hash of the address, and
 * the time of the erasure, so a confirmation request queued before it, or a digest batch on its way, is not mailed.
 * A new subscribe-and-confirm by the reader clears it.
 */
export interface ErasureMarkers {
  /** Remembers that the reader was erased at `at` (a later erasure moves the time on; an earlier one does not). */
  mark(subscriberId: string, at: number): Promise<void>;
  /** When the reader was erased, or undefined when no marker is held. */
  erasedAt(subscriberId: string): Promise<number | undefined>;
  /** Which of `subscriberIds` carry a marker (one read for a batch). */
  among(subscriberIds: readonly string[]): Promise<ReadonlySet<string>>;
  /** Forgets the marker (the reader subscribed and confirmed again). */
  clear(subscriberId: string): Promise<void>;
}
