import type { Commentary } from '../../core/commentary.ts';

/** Lists an edition's commentaries. */

export interface CommentarySource {
  listByEdition(edition: string): Promise<Commentary[]>;
}
