import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Suppression, Suppressions } from '../../app/ports/suppressions.ts';
import { putIf } from './conditional-write.ts';
import { keys } from './keys.ts';

/**
 * Suppressions as `SUB#<id>` / `SUPPRESSED` items: `kind`, the reason, the time and the import's id; no address, no
 * language, no TTL. The scan of subscriptions skips them (kind); the reader's erasure deletes the partition's items.
 */
export class DynamoSuppressions implements Suppressions {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async suppress(subscriberId: string, s: Suppression): Promise<boolean> {
    const item = {
      ...keys.suppression(subscriberId),
      kind: 'suppression',
      reason: s.reason,
      at: s.at,
      importId: s.importId,
    };
    return (await putIf(this.db, this.tableName, item)).written;
  }

  async suppressionOf(subscriberId: string): Promise<Suppression | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.suppression(subscriberId), ConsistentRead: true }),
    );
    const item = out.Item;
    return item ? { reason: item.reason, at: item.at, importId: item.importId } : undefined;
  }
}
