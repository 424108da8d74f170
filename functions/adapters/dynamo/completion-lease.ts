import { randomUUID } from 'node:crypto';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CompletionLease } from '../../app/ports/completion-lease.ts';
import { isConditionFailure } from './client.ts';
import { keys } from './keys.ts';

const FREE = 'attribute_not_exists(pk) OR leaseUntil < :now';

/** An edition's completion-check lease, one item next to its send record: `SEND#<edition>` / `CHECK`. */
export class DynamoCompletionLease implements CompletionLease {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Takes the lease when it is free or expired (one conditional write). Each take carries its own attempt id: a
   * take whose answer was lost fails its condition on the SDK's retry, and a consistent re-read naming this attempt
   * tells it was taken here.
   */
  async take(edition: string, now: number, until: number): Promise<boolean> {
    const attempt = randomUUID();
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.completionLease(edition),
          UpdateExpression: 'SET leaseUntil = :until, attemptId = :attempt',
          ConditionExpression: FREE,
          ExpressionAttributeValues: { ':until': until, ':now': now, ':attempt': attempt },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.completionLease(edition), ConsistentRead: true }),
    );
    return out.Item?.attemptId === attempt;
  }

  /** Moves the lease's end (an unconditional write: only the chain's one check message calls it). */
  async extend(edition: string, until: number): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.completionLease(edition),
        UpdateExpression: 'SET leaseUntil = :until',
        ExpressionAttributeValues: { ':until': until },
      }),
    );
  }

  /** Removes the lease. */
  async release(edition: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.completionLease(edition) }));
  }
}
