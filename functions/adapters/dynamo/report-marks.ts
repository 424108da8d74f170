import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReportMarks } from '../../app/ports/report-marks.ts';
import { putIf } from './conditional-write.ts';
import { keys } from './keys.ts';

/** The report e-mail's mark, one item next to the edition's send record: `SEND#<edition>` / `REPORT`. */
export class DynamoReportMarks implements ReportMarks {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Creates the mark unless it exists (one winner). A claim whose answer was lost is still this claim's: the SDK's
   * retry fails the condition on the mark itself, and the re-read finds this claim's attempt id.
   */
  async claim(edition: string, now: number): Promise<boolean> {
    const mark = { ...keys.reportMark(edition), kind: 'report-mark', edition, reportedAt: now };
    return (await putIf(this.db, this.tableName, mark)).written;
  }

  /** Removes the mark. */
  async release(edition: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.reportMark(edition) }));
  }
}
