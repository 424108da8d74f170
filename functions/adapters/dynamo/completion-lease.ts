import { DeleteCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CompletionLease } from '../../app/ports/completion-lease.ts';
import { anyOf, type Condition, IS_NEW, updateIf } from './conditional-write.ts';
import { keys } from './keys.ts';

/** An edition's completion-check lease, one item next to its send record: `SEND#<edition>` / `CHECK`. */
export class DynamoCompletionLease implements CompletionLease {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Takes the lease when it is free or expired (one conditional write through updateIf): a take whose answer was lost
   * fails its condition on the SDK's retry, and the re-read naming this attempt tells it was taken here.
   */
  async take(edition: string, now: number, until: number): Promise<boolean> {
    const lease = { set: ['leaseUntil = :until'], values: { ':until': until } };
    const expired: Condition = { expression: 'leaseUntil < :now', values: { ':now': now } };
    return (await updateIf(this.db, this.tableName, keys.completionLease(edition), lease, anyOf(IS_NEW, expired)))
      .written;
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
