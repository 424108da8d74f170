import type { Commentary } from '../../core/commentary.ts';
import type { Language } from '../../core/language.ts';

/** Stores commentaries, replacing the one with the same key and language. */

export interface CommentaryStore {
  put(c: Commentary): Promise<'created' | 'updated' | 'unchanged'>;
  /** Removes one commentary (a file took its place: the same link under another key); nothing when absent. */
  delete(language: Language, key: string): Promise<void>;
  /** Every commentary of an edition, in all languages (the digest-size check starts from them). */
  listByEdition(edition: string): Promise<Commentary[]>;
}
