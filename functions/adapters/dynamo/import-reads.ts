import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ImportRowMark } from '../../app/ports/import-ledger.ts';
import type { HeldReader, ImportReads } from '../../app/ports/import-reads.ts';
import type { Suppression } from '../../app/ports/suppressions.ts';
import { type ItemKey, KEY_PREFIX, keys } from './keys.ts';
import type { DynamoSubscriberStore } from './subscriber-store.ts';

/** BatchGetItem's largest request: 25 readers' four items. */
const BATCH = 100;

/**
 * A group of an import's readers in one BatchGetItem per 25 (consistent, retrying what DynamoDB left unprocessed):
 * each reader's `SUB`, `SUPPRESSED`, `ERASED` and `IMPORT#<sha>` items, all in its partition `SUB#<id>`. Subscription
 * items go through the store (its parsing; remembered, so the save that follows reads nothing again).
 */
export class DynamoImportReads implements ImportReads {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly store: Pick<DynamoSubscriberStore, 'adopt'>,
  ) {}

  async heldFor(importId: string, subscriberIds: readonly string[]): Promise<ReadonlyMap<string, HeldReader>> {
    const ids = [...new Set(subscriberIds)];
    const wanted = ids.flatMap((id) => [
      keys.subscriber(id),
      keys.suppression(id),
      keys.erasure(id),
      keys.importRow(importId, id),
    ]);
    const held = new Map<string, Record<string, unknown>>(ids.map((id) => [id, {}]));
    for (let i = 0; i < wanted.length; i += BATCH) {
      let pending: ItemKey[] | undefined = wanted.slice(i, i + BATCH);
      while (pending && pending.length > 0) {
        const out = await this.db.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
        );
        for (const item of out.Responses?.[this.tableName] ?? []) this.take(held, importId, item);
        pending = out.UnprocessedKeys?.[this.tableName]?.Keys as ItemKey[] | undefined;
      }
    }
    return held as Map<string, HeldReader>;
  }

  private take(held: Map<string, Record<string, unknown>>, importId: string, item: Record<string, unknown>): void {
    const reader = held.get(String(item.pk).slice(KEY_PREFIX.subscriber.length));
    if (!reader) return;
    const sk = String(item.sk);
    if (sk === keys.subscriber('').sk) reader.existing = this.store.adopt(item);
    else if (sk === keys.suppression('').sk)
      reader.suppression = { reason: item.reason, at: item.at, importId: item.importId } as Suppression;
    else if (sk === keys.erasure('').sk && typeof item.erasedAt === 'number') reader.erasedAt = item.erasedAt;
    else if (sk === keys.importRow(importId, '').sk) {
      const { line, outcome, language } = item as unknown as ImportRowMark;
      reader.mark = { line, outcome, ...(language ? { language } : {}) };
    }
  }
}
