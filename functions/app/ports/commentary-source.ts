import type { Commentary } from '../../core/commentary.ts';
import type { Editorial } from '../../core/editorial.ts';

/** Lists an edition's commentaries and what the editors decided about it (DynamoCommentaryStore). */

export interface CommentarySource {
  listByEdition(edition: string): Promise<Commentary[]>;
  /** The edition's order, notes and removed items (NO_EDITORIAL when nobody shaped it; strongly consistent). */
  editorial(edition: string): Promise<Editorial>;
}
