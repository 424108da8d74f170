import type { Commentary } from '../../core/commentary.ts';
import type { CommentarySource } from './commentary-source.ts';

/** Where feed items are stored as commentaries (DynamoCommentaryRepository), and the edition's stored ones read. */

export interface FeedCommentaryStore extends CommentarySource {
  put(c: Commentary): Promise<'created' | 'updated' | 'unchanged'>;
}
