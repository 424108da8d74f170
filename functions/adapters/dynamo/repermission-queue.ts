import { DeleteCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { RepermissionEntry, RepermissionQueue } from '../../app/ports/repermission-queue.ts';
import { allOf, EXISTS, putIf, updateIf } from './conditional-write.ts';
import { keys } from './keys.ts';

const PK = keys.repermission(0, '', 'mail').pk;
/** Nobody has taken the step yet. */
const NOT_TAKEN = { expression: 'attribute_not_exists(#taken)', names: { '#taken': 'taken' } };

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
        FilterExpression: 'attribute_not_exists(#taken)',
        ExpressionAttributeNames: { '#taken': 'taken' },
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

  /**
   * Claims the step with a conditional update (updateIf: its attempt id tells a retry after a lost answer from another
   * run's claim), then deletes it. A claimed step left by a failed delete is never due again.
   */
  async take(e: RepermissionEntry): Promise<boolean> {
    const Key = keys.repermission(e.dueAt, e.subscriberId, e.step);
    const claim = { set: ['#taken = :taken'], names: { '#taken': 'taken' }, values: { ':taken': true } };
    if (!(await updateIf(this.db, this.tableName, Key, claim, allOf(EXISTS, NOT_TAKEN))).written) return false;
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key })).catch(() => undefined);
    return true;
  }
}
