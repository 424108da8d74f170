import type { Language } from './language.ts';

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
