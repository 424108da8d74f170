import type { Language } from '../../core/language.ts';

/** Pages through the sparse index of confirmed subscribers. */

export interface RecipientIndex {
  /** Shards of the index (fixed for a deployment). */
  readonly shards: number;
  pageConfirmed(
    language: Language,
    shard: number,
    after: string | undefined,
    limit: number,
  ): Promise<{ ids: string[]; last?: string }>;
}
