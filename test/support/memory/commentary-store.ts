import type { CommentarySource } from '../../../functions/app/ports/commentary-source.ts';
import type { CommentaryStore } from '../../../functions/app/ports/commentary-store.ts';
import type { Commentary } from '../../../functions/core/commentary.ts';
import { type Editorial, NO_EDITORIAL } from '../../../functions/core/editorial.ts';
import type { Language } from '../../../functions/core/language.ts';

/** Commentaries in a Map, one per (language, key). */
export class MemoryCommentaryStore implements CommentaryStore, CommentarySource {
  readonly items = new Map<string, Commentary>();
  /** Editorial records by edition (tests set them directly). */
  readonly editorials = new Map<string, Editorial>();

  /** Creates or replaces a commentary. */
  async put(c: Commentary): Promise<'created' | 'updated'> {
    const key = `${c.language}#${c.key}`;
    const outcome = this.items.has(key) ? 'updated' : 'created';
    this.items.set(key, structuredClone(c));
    return outcome;
  }

  /** Removes one commentary. */
  async delete(language: Language, key: string): Promise<void> {
    this.items.delete(`${language}#${key}`);
  }

  /** An edition's editorial record. */
  async editorial(edition: string): Promise<Editorial> {
    return this.editorials.get(edition) ?? NO_EDITORIAL;
  }

  /** An edition's commentaries in all languages. */
  async listByEdition(edition: string): Promise<Commentary[]> {
    return [...this.items.values()].filter((c) => c.edition === edition).map((c) => structuredClone(c));
  }

  /** True when any commentary is stored. */
  async any(): Promise<boolean> {
    return this.items.size > 0;
  }
}
