import type { ArchiveStore } from '../../../functions/app/ports/archive-store.ts';
import type { ArchiveEntry, ArchiveSummary } from '../../../functions/core/archive.ts';
import type { Language } from '../../../functions/core/language.ts';

/** The public archive in a Map per language: the first entry of an edition stays. */
export class MemoryArchiveStore implements ArchiveStore {
  readonly items = new Map<Language, Map<string, ArchiveEntry>>();

  /** Stores the entry unless one is stored. */
  async publish(entry: ArchiveEntry): Promise<void> {
    const editions = this.items.get(entry.language) ?? new Map<string, ArchiveEntry>();
    if (!editions.has(entry.edition)) editions.set(entry.edition, structuredClone(entry));
    this.items.set(entry.language, editions);
  }

  /** One edition's entry. */
  async get(language: Language, edition: string): Promise<ArchiveEntry | undefined> {
    const entry = this.items.get(language)?.get(edition);
    return entry ? structuredClone(entry) : undefined;
  }

  /** The newest edition published in the language. */
  async latest(language: Language): Promise<string | undefined> {
    return this.newest(language)[0]?.edition;
  }

  /** The newest entries, without their pages. */
  async list(language: Language, limit: number): Promise<ArchiveSummary[]> {
    return this.newest(language)
      .slice(0, limit)
      .map(({ html: _html, ...summary }) => summary);
  }

  private newest(language: Language): ArchiveEntry[] {
    return [...(this.items.get(language)?.values() ?? [])].sort((a, b) => (a.edition < b.edition ? 1 : -1));
  }
}
