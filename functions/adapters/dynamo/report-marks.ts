import { randomUUID } from 'node:crypto';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ReportMarks } from '../../app/ports/report-marks.ts';
import { isConditionFailure } from './client.ts';
import { keys } from './keys.ts';

/** Free: never taken, or taken by a report whose work did not finish before its time ran out. */
const FREE = 'attribute_not_exists(pk) OR (attribute_exists(takenUntil) AND takenUntil < :now)';

/** The report e-mail's mark, one item next to the edition's send record: `SEND#<edition>` / `REPORT`. */
export class DynamoReportMarks implements ReportMarks {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Takes the mark until `until` unless it is held or done (a conditional write: one winner). The write carries its
   * own attempt id: a take whose answer was lost fails its condition on the SDK's retry, and a consistent re-read
   * naming this attempt tells it was taken here.
   */
  async claim(edition: string, now: number, until: number): Promise<boolean> {
    const attempt = randomUUID();
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.reportMark(edition),
          UpdateExpression:
            'SET #kind = :kind, edition = :edition, reportedAt = :now, takenUntil = :until, attemptId = :a',
          ConditionExpression: FREE,
          ExpressionAttributeNames: { '#kind': 'kind' },
          ExpressionAttributeValues: {
            ':kind': 'report-mark',
            ':edition': edition,
            ':now': now,
            ':until': until,
            ':a': attempt,
          },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.reportMark(edition), ConsistentRead: true }),
    );
    return out.Item?.attemptId === attempt;
  }

  /** The report went out: the mark no longer expires. */
  async complete(edition: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.reportMark(edition),
        UpdateExpression: 'REMOVE takenUntil',
      }),
    );
  }

  /** Removes the mark. */
  async release(edition: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.reportMark(edition) }));
  }
}
