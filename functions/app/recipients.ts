import type { Language } from '../core/language.ts';
import type { RecipientIndex } from './ports/recipient-index.ts';

/** The pages of confirmed readers of one language in one shard, starting after the id `after`. */
export async function* confirmedPages(
  index: RecipientIndex,
  language: Language,
  shard: number,
  after: string | undefined,
  limit: number,
): AsyncGenerator<{ ids: string[]; last?: string }> {
  let cursor = after;
  do {
    const page = await index.pageConfirmed(language, shard, cursor, limit);
    yield page;
    cursor = page.last;
  } while (cursor);
}

/** Every page of confirmed readers of a language, shard after shard. */
export async function* everyConfirmedPage(
  index: RecipientIndex,
  language: Language,
  limit: number,
): AsyncGenerator<{ ids: string[]; last?: string }> {
  for (let shard = 0; shard < index.shards; shard++) yield* confirmedPages(index, language, shard, undefined, limit);
}
