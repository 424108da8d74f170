import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ReportMarks } from '../../app/ports/report-marks.ts';
import { isConditionFailure } from './client.ts';
import { keys } from './keys.ts';

const NEW = 'attribute_not_exists(pk)';

/** The report e-mail's mark, one item next to the edition's send record: `SEND#<edition>` / `REPORT`. */
export class DynamoReportMarks implements ReportMarks {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Creates the mark unless it exists (a conditional put: one winner). */
  async claim(edition: string, now: number): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.reportMark(edition), kind: 'report-mark', edition, reportedAt: now },
          ConditionExpression: NEW,
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Removes the mark. */
  async release(edition: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.reportMark(edition) }));
  }
}
