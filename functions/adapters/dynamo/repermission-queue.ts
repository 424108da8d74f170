import { DeleteCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { RepermissionEntry, RepermissionQueue } from '../../app/ports/repermission-queue.ts';
import { isConditionFailure } from './client.ts';
import { putIf } from './conditional-write.ts';
import { keys } from './keys.ts';

const PK = keys.repermission(0, '', 'mail').pk;

/**
 * The re-permission steps as `REPERM` / `<due time>#<subscriber id>#<step>` items, read in due order with one
 * Query. One partition: imports' re-permission steps are a few per reader, paced by the mailer anyway.
 */
export class DynamoRepermissionQueue implements RepermissionQueue {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async schedule(e: RepermissionEntry): Promise<void> {
    await putIf(this.db, this.tableName, {
      ...keys.repermission(e.dueAt, e.subscriberId, e.step),
      kind: 'repermission',
      ...e,
    });
  }

  async due(now: number, limit: number): Promise<RepermissionEntry[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk <= :until',
        ExpressionAttributeValues: { ':pk': PK, ':until': `${keys.repermission(now, '', 'mail').sk.split('#')[0]}#~` },
        ConsistentRead: true,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => ({
      subscriberId: String(i.subscriberId),
      importId: String(i.importId),
      step: i.step,
      dueAt: Number(i.dueAt),
    }));
  }

  async take(e: RepermissionEntry): Promise<boolean> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.repermission(e.dueAt, e.subscriberId, e.step),
          ConditionExpression: 'attribute_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
