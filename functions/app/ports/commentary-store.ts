import type { Commentary } from '../../core/commentary.ts';

/** Stores commentaries, replacing the one with the same key and language. */

export interface CommentaryStore {
  put(c: Commentary): Promise<'created' | 'updated' | 'unchanged'>;
  /** Every commentary of an edition, in all languages (the digest-size check starts from them). */
  listByEdition(edition: string): Promise<Commentary[]>;
}
