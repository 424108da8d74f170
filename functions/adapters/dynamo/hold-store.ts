import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { HoldStore } from '../../app/ports/hold-store.ts';
import { keys } from './keys.ts';

/** An edition's hold, one item next to its send record: `SEND#<edition>` / `HOLD`. */
export class DynamoHoldStore implements HoldStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** True when the edition is held (strongly consistent: a hold just set is seen by the next start). */
  async isHeld(edition: string): Promise<boolean> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.hold(edition), ConsistentRead: true }),
    );
    return out.Item !== undefined;
  }

  /** Holds the edition (holding twice keeps one hold, the latest caller). */
  async hold(edition: string, by: string, at: number): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.hold(edition), kind: 'hold', edition, heldBy: by, heldAt: at },
      }),
    );
  }

  /** Lifts the hold; tells whether there was one. */
  async release(edition: string): Promise<boolean> {
    const out = await this.db.send(
      new DeleteCommand({ TableName: this.tableName, Key: keys.hold(edition), ReturnValues: 'ALL_OLD' }),
    );
    return out.Attributes !== undefined;
  }
}
