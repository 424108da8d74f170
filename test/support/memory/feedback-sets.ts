import type { FeedbackSets } from '../../../functions/app/ports/feedback-sets.ts';
import { addFeedback, type FeedbackCounts, type FeedbackKind } from '../../../functions/core/edition-summary.ts';
import type { Language } from '../../../functions/core/language.ts';

/** Per edition, `<kind>_<language>` → the set of reader ids, with the DynamoDB adapter's set semantics. */
export class MemoryFeedbackSets implements FeedbackSets {
  readonly editions = new Map<string, Map<string, Set<string>>>();

  /** Adds the reader to this kind's set and removes them from the other kind's. */
  async mark(edition: string, subscriberId: string, language: Language, kind: FeedbackKind, _now?: number) {
    const sets = this.editions.get(edition) ?? new Map<string, Set<string>>();
    this.editions.set(edition, sets);
    const other = kind === 'bounced' ? 'complained' : 'bounced';
    sets.get(`${other}_${language}`)?.delete(subscriberId);
    const set = sets.get(`${kind}_${language}`) ?? new Set<string>();
    sets.set(`${kind}_${language}`, set.add(subscriberId));
  }

  /** The sets' sizes per language (languages with a non-empty set only). */
  async counts(edition: string): Promise<FeedbackCounts> {
    const out: FeedbackCounts = {};
    for (const [name, set] of this.editions.get(edition) ?? []) {
      if (set.size === 0) continue;
      const [kind, language] = name.split('_') as [FeedbackKind, Language];
      addFeedback(out, language, kind, set.size);
    }
    return out;
  }

  readonly suppressed = new Map<string, Set<string>>();

  async markSuppressed(edition: string, subscriberId: string, language: Language, _now?: number) {
    const set = this.suppressed.get(`${edition}#${language}`) ?? new Set<string>();
    this.suppressed.set(`${edition}#${language}`, set.add(subscriberId));
  }

  async suppressedCounts(edition: string): Promise<Partial<Record<Language, number>>> {
    const out: Partial<Record<Language, number>> = {};
    for (const [key, set] of this.suppressed) {
      const [e, language] = key.split('#') as [string, Language];
      if (e === edition && set.size > 0) out[language] = set.size;
    }
    return out;
  }

  /** Removes the reader from every set of the given editions. */
  async forget(subscriberId: string, editions: readonly string[]): Promise<void> {
    for (const edition of editions) {
      for (const set of this.editions.get(edition)?.values() ?? []) set.delete(subscriberId);
      for (const [key, set] of this.suppressed) if (key.startsWith(`${edition}#`)) set.delete(subscriberId);
    }
  }
}
