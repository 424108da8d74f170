import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { EditorialStore } from '../../app/ports/editorial-store.ts';
import { type Editorial, type EditorNote, NO_EDITORIAL } from '../../core/editorial.ts';
import { LANGUAGES, type Language } from '../../core/language.ts';
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

/** An edition's editorial record, `SEND#<edition>` / `EDITORIAL`: each change one update of its own attribute. */
export class DynamoEditorialStore implements EditorialStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private async update(
    edition: string,
    expression: string,
    names: Record<string, string>,
    values?: Record<string, unknown>,
  ): Promise<Record<string, unknown> | undefined> {
    const out = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.editorial(edition),
        // One SET section at most: the record's own fields join the change's SET, or follow its REMOVE / ADD / DELETE.
        UpdateExpression: expression.startsWith('SET ')
          ? `${expression}, kind = :kind, edition = :edition`
          : `${expression} SET kind = :kind, edition = :edition`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':kind': 'editorial', ':edition': edition, ...values },
        ReturnValues: 'UPDATED_OLD',
      }),
    );
    return out.Attributes;
  }

  /** Replaces the order. */
  async setOrder(edition: string, order: readonly string[]): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.editorial(edition),
        UpdateExpression: 'SET #order = :order, kind = :kind, edition = :edition',
        ExpressionAttributeNames: { '#order': 'order' },
        ExpressionAttributeValues: { ':order': [...order], ':kind': 'editorial', ':edition': edition },
      }),
    );
  }

  /** Sets or removes a language's note; true when there was one. */
  async setNote(edition: string, language: Language, note: EditorNote | undefined): Promise<boolean> {
    const names = { '#note': noteOf(language) };
    const old = note
      ? await this.update(edition, 'SET #note = :note', names, { ':note': note })
      : await this.update(edition, 'REMOVE #note', names);
    return old?.[noteOf(language)] !== undefined;
  }

  /** Adds the key to (or deletes it from) the language's set of removed keys; true when that changed the set. */
  async setRemoved(edition: string, language: Language, key: string, removed: boolean): Promise<boolean> {
    const names = { '#removed': removedOf(language) };
    const old = await this.update(edition, `${removed ? 'ADD' : 'DELETE'} #removed :key`, names, {
      ':key': new Set([key]),
    });
    const had = (old?.[removedOf(language)] as Set<string> | undefined)?.has(key) ?? false;
    return had !== removed;
  }
}
