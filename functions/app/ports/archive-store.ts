import type { ArchiveEntry, ArchiveSummary } from '../../core/archive.ts';
import type { Language } from '../../core/language.ts';

/** The public archive (DynamoArchive): written once per edition and language, read by the archive pages. */

export interface ArchiveStore {
  /** Stores the entry unless one is stored already (a resumed dispatch publishes the same edition again). */
  publish(entry: ArchiveEntry): Promise<void>;
  get(language: Language, edition: string): Promise<ArchiveEntry | undefined>;
  /** The newest edition published in the language, by a single read. */
  latest(language: Language): Promise<string | undefined>;
  /** The newest `limit` entries of a language, newest first, without their pages. */
  list(language: Language, limit: number): Promise<ArchiveSummary[]>;
}
