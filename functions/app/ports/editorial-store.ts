import type { EditorNote } from '../../core/editorial.ts';
import type { Language } from '../../core/language.ts';

/** Keeps an edition's editorial choices, one record per edition next to its send record (DynamoEditorialStore). */
export interface EditorialStore {
  /** Replaces the edition's order of keys. */
  setOrder(edition: string, order: readonly string[]): Promise<void>;
  /** Sets a language's note, or removes it (`undefined`); tells whether there was one before. */
  setNote(edition: string, language: Language, note: EditorNote | undefined): Promise<boolean>;
  /** Takes a commentary out of (`removed` true) or back into the edition; tells whether that changed anything. */
  setRemoved(edition: string, language: Language, key: string, removed: boolean): Promise<boolean>;
}
