import type { CommentarySource } from '../../../functions/app/ports/commentary-source.ts';
import type { EditorialStore } from '../../../functions/app/ports/editorial-store.ts';
import { type Editorial, type EditorNote, NO_EDITORIAL } from '../../../functions/core/editorial.ts';
import type { Language } from '../../../functions/core/language.ts';

/**
 * Editorial records by edition, written as the DynamoDB adapter writes them (an emptied removed list disappears) and
 * read as `CommentarySource.editorial` reads them. Pass a MemoryCommentaryStore's `editorials` to share its records.
 */
export class MemoryEditorialStore implements EditorialStore, Pick<CommentarySource, 'editorial'> {
  constructor(readonly editorials = new Map<string, Editorial>()) {}

  /** The edition's record (removed keys sorted, as the DynamoDB read gives them). */
  async editorial(edition: string): Promise<Editorial> {
    return structuredClone(this.editorials.get(edition) ?? NO_EDITORIAL);
  }

  private change(edition: string, f: (e: Editorial) => Editorial): void {
    this.editorials.set(edition, f(this.editorials.get(edition) ?? NO_EDITORIAL));
  }

  /** Replaces the order. */
  async setOrder(edition: string, order: readonly string[]): Promise<void> {
    this.change(edition, (e) => ({ ...e, order: [...order] }));
  }

  /** Sets or removes a language's note; true when there was one. */
  async setNote(edition: string, language: Language, note: EditorNote | undefined): Promise<boolean> {
    const had = this.editorials.get(edition)?.notes[language] !== undefined;
    this.change(edition, (e) => {
      const notes = { ...e.notes };
      if (note) notes[language] = note;
      else delete notes[language];
      return { ...e, notes };
    });
    return had;
  }

  /** Adds the key to (or takes it from) the language's removed keys; true when that changed them. */
  async setRemoved(edition: string, language: Language, key: string, removed: boolean): Promise<boolean> {
    const before = this.editorials.get(edition)?.removed[language] ?? [];
    if (before.includes(key) === removed) return false;
    const after = removed ? [...before, key].sort() : before.filter((k) => k !== key);
    this.change(edition, (e) => {
      const all = { ...e.removed, [language]: after };
      if (after.length === 0) delete all[language];
      return { ...e, removed: all };
    });
    return true;
  }
}
