import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ConfirmationCeiling } from '../../app/ports/confirmation-ceiling.ts';
import { isConditionFailure } from './client.ts';
import { keys } from './keys.ts';
import { TABLE } from './table.ts';

const HOUR_MS = 3_600_000;

/**
 * One counter item per clock hour, shared by every invocation: an e-mail is taken only while the count is under the
 * limit (a conditional ADD), so the hour never goes over it; the item expires a day later. A take whose answer was
 * lost and retried by the SDK may count twice: the ceiling errs on the side of fewer e-mails.
 */
export class DynamoConfirmationCeiling implements ConfirmationCeiling {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly perHour: number,
  ) {}

  async take(now: number): Promise<boolean> {
    try {
      await this.add(now, 1, 'attribute_not_exists(#n) OR #n < :limit');
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async giveBack(now: number): Promise<void> {
    try {
      await this.add(now, -1, '#n > :zero');
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  nextHour(now: number): number {
    return (Math.floor(now / HOUR_MS) + 1) * HOUR_MS;
  }

  private async add(now: number, by: number, condition: string): Promise<void> {
    const hour = Math.floor(now / HOUR_MS) * HOUR_MS;
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.confirmationHour(hour),
        UpdateExpression: 'ADD #n :by SET #ttl = :ttl',
        ConditionExpression: condition,
        ExpressionAttributeNames: { '#n': 'count', '#ttl': TABLE.ttlAttribute },
        ExpressionAttributeValues: {
          ':by': by,
          ':ttl': Math.ceil((hour + 25 * HOUR_MS) / 1000),
          ...(by > 0 ? { ':limit': this.perHour } : { ':zero': 0 }),
        },
      }),
    );
  }
}
