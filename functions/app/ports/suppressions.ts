/** Why an imported address is never mailed: its status in the file it came from. */
export type SuppressionReason = 'unsubscribed' | 'cleaned' | 'bounced' | 'complained';

/** A suppression as kept: the reason, when, and the import that brought it (no address: keyed by subscriber id). */
export interface Suppression {
  readonly reason: SuppressionReason;
  readonly at: number;
  readonly importId: string;
}

/**
 * Addresses an import must never make confirmed nor mail (DynamoSuppressions), by keyed-hash subscriber id. Kept
 * until the reader's data is erased; a reader who subscribes through the form and confirms is mailed regardless.
 */
export interface Suppressions {
  /** Keeps the first suppression of a reader (a later one changes nothing); true when this call stored it. */
  suppress(subscriberId: string, suppression: Suppression): Promise<boolean>;
  /** The reader's suppression, or undefined. */
  suppressionOf(subscriberId: string): Promise<Suppression | undefined>;
}
