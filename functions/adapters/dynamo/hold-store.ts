import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { HoldStore } from '../../app/ports/hold-store.ts';
import { isConditionFailure } from './client.ts';
import { allOf, EXISTS, updateIf } from './conditional-write.ts';
import { keys } from './keys.ts';

/** A hold not yet released (a release marks the item, then deletes it). */
const NOT_RELEASED = { expression: 'attribute_not_exists(released)' };

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
    return out.Item !== undefined && out.Item.released === undefined;
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

  /**
   * Lifts the hold; tells whether there was one. The hold is first marked released through the conditional-write
   * helper, so a release whose answer was lost still says it lifted the hold, then deleted.
   */
  async release(edition: string): Promise<boolean> {
    const mark = { set: ['released = :yes'], values: { ':yes': true } };
    const outcome = await updateIf(this.db, this.tableName, keys.hold(edition), mark, allOf(EXISTS, NOT_RELEASED));
    // Only a released hold goes: one set again meanwhile stays.
    await this.db
      .send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.hold(edition),
          ConditionExpression: 'attribute_exists(released)',
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
    return outcome.written;
  }
}
