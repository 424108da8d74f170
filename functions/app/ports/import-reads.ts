import type { Subscription } from '../../core/subscription.ts';
import type { ImportRowMark } from './import-ledger.ts';
import type { Suppression } from './suppressions.ts';

/** What is held about one reader an import's row names: its record, suppression, erasure and this import's mark. */
export interface HeldReader {
  readonly existing?: Subscription;
  readonly suppression?: Suppression;
  readonly erasedAt?: number;
  readonly mark?: ImportRowMark;
}

/**
 * Reads for an import (DynamoImportReads): everything a group of rows is decided on, in one round (one BatchGetItem of
 * each reader's four items, all in its own partition) instead of four reads per row.
 */
export interface ImportReads {
  /** Consistent reads; a reader with nothing held maps to `{}`. */
  heldFor(importId: string, subscriberIds: readonly string[]): Promise<ReadonlyMap<string, HeldReader>>;
}
