import type { Language } from '../core/language.ts';

/** One sent edition in one language, as the public archive lists it. */
export interface ArchiveSummary {
  readonly language: Language;
  readonly edition: string;
  /** The digest's subject line. */
  readonly title: string;
  /** The week's headlines, for the listing and the feed. */
  readonly summary: string;
  readonly publishedAt: number;
}

/** A summary with the web version's page, rendered once at dispatch (without any personal link). */
export interface ArchiveEntry extends ArchiveSummary {
  readonly html: string;
}

/** The public archive (DynamoArchive): written once per edition and language, read by the archive pages. */
export interface ArchiveStore {
  /** Stores the entry unless one is stored already (a resumed dispatch publishes the same edition again). */
  publish(entry: ArchiveEntry): Promise<void>;
  get(language: Language, edition: string): Promise<ArchiveEntry | undefined>;
  /** The newest `limit` entries of a language, newest first, without their pages. */
  list(language: Language, limit: number): Promise<ArchiveSummary[]>;
}
