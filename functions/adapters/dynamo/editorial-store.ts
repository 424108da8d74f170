import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { EditorialStore } from '../../app/ports/editorial-store.ts';
import { type Editorial, type EditorNote, NO_EDITORIAL } from '../../core/editorial.ts';
import { LANGUAGES, type Language } from '../../core/language.ts';
import { type Condition, type UpdateParts, updateIf } from './conditional-write.ts';
import { keys } from './keys.ts';

// One attribute per language, so that two editors' changes to different languages never overwrite each other.
const noteOf = (language: Language) => `note_${language}`;
const removedOf = (language: Language) => `removed_${language}`;

/** Reads an edition's editorial record (strongly consistent); NO_EDITORIAL when there is none. */
export async function readEditorial(
  db: DynamoDBDocumentClient,
  tableName: string,
  edition: string,
): Promise<Editorial> {
  const out = await db.send(
    new GetCommand({ TableName: tableName, Key: keys.editorial(edition), ConsistentRead: true }),
  );
  const item = out.Item;
  if (!item) return NO_EDITORIAL;
  const notes: Editorial['notes'] = {};
  const removed: Record<string, string[]> = {};
  for (const language of LANGUAGES) {
    const note = item[noteOf(language)] as EditorNote | undefined;
    if (note) notes[language] = note;
    const set = item[removedOf(language)] as Set<string> | undefined;
    if (set && set.size > 0) removed[language] = [...set].sort();
  }
  return { order: (item.order as string[] | undefined) ?? [], notes, removed };
}

/**
 * An edition's editorial record, `SEND#<edition>` / `EDITORIAL`: each change one update of its own attribute. The
 * changes that answer something (was there a note, did a removal change anything) are conditional writes through
 * updateIf, so a change whose answer was lost and retried by the SDK still answers as the first attempt would have.
 */
export class DynamoEditorialStore implements EditorialStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** One update of the edition's record when `condition` holds; true when it was written (by this call). */
  private async change(edition: string, update: UpdateParts, condition?: Condition): Promise<boolean> {
    const record = { set: [...(update.set ?? []), 'kind = :kind', 'edition = :edition'] };
    const values = { ':kind': 'editorial', ':edition': edition, ...update.values };
    const outcome = await updateIf(
      this.db,
      this.tableName,
      keys.editorial(edition),
      { ...update, ...record, values },
      condition,
    );
    return outcome.written;
  }

  /** Replaces the order. */
  async setOrder(edition: string, order: readonly string[]): Promise<void> {
    await this.change(edition, {
      set: ['#order = :order'],
      names: { '#order': 'order' },
      values: { ':order': [...order] },
    });
  }

  /**
   * Sets or removes a language's note; true when there was one. A note is first created where there was none; only
   * when that is refused is the one there replaced.
   */
  async setNote(edition: string, language: Language, note: EditorNote | undefined): Promise<boolean> {
    const names = { '#note': noteOf(language) };
    const exists: Condition = { expression: 'attribute_exists(#note)', names };
    if (!note) return this.change(edition, { remove: ['#note'], names }, exists);
    const set = { set: ['#note = :note'], names, values: { ':note': note } };
    if (await this.change(edition, set, { expression: 'attribute_not_exists(#note)', names })) return false;
    await this.change(edition, set);
    return true;
  }

  /** Adds the key to (or deletes it from) the language's set of removed keys; true when that changed the set. */
  async setRemoved(edition: string, language: Language, key: string, removed: boolean): Promise<boolean> {
    const names = { '#removed': removedOf(language) };
    const values = { ':keys': new Set([key]), ':key': key };
    const holds = 'contains(#removed, :key)';
    return removed
      ? this.change(edition, { add: ['#removed :keys'], names, values }, { expression: `NOT ${holds}` })
      : this.change(edition, { delete: ['#removed :keys'], names, values }, { expression: holds });
  }
}
