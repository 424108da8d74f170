import type { FeedbackCounts, FeedbackKind } from '../../core/edition-summary.ts';
import type { Language } from '../../core/language.ts';

/** Which readers of an edition bounced or complained, per language, as sets: an event seen twice counts once. */

export interface FeedbackSets {
  /** Puts the reader in the edition's set of `kind` in `language` and takes them out of the other kind's. */
  mark(edition: string, subscriberId: string, language: Language, kind: FeedbackKind, now: number): Promise<void>;
  /** Per language, the sizes of the edition's sets (a few reads, however many readers). */
  counts(edition: string): Promise<FeedbackCounts>;
  /** Puts the reader in the edition's set of readers suppressed after K consecutive soft bounces. */
  markSuppressed(edition: string, subscriberId: string, language: Language, now: number): Promise<void>;
  /** Per language, how many readers the edition's soft bounces suppressed (languages with some only). */
  suppressedCounts(edition: string): Promise<Partial<Record<Language, number>>>;
  /** Takes the reader out of every set of the given editions (erasure). */
  forget(subscriberId: string, editions: readonly string[]): Promise<void>;
}
