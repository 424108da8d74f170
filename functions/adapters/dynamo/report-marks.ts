import { DeleteCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ReportMarks } from '../../app/ports/report-marks.ts';
import { anyOf, type Condition, IS_NEW, updateIf } from './conditional-write.ts';
import { keys } from './keys.ts';

/** Taken by a report whose work did not finish before its time ran out. */
const lapsed = (now: number): Condition => ({
  expression: 'attribute_exists(takenUntil) AND takenUntil < :now',
  values: { ':now': now },
});

/** The report e-mail's mark, one item next to the edition's send record: `SEND#<edition>` / `REPORT`. */
export class DynamoReportMarks implements ReportMarks {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Takes the mark until `until` unless it is held or done (a conditional write through updateIf: one winner). A take
   * whose answer was lost is still this take's: the SDK's retry fails the condition on the take itself, and the
   * re-read finds its attempt id.
   */
  async claim(edition: string, now: number, until: number): Promise<boolean> {
    const take = {
      set: ['#kind = :kind', 'edition = :edition', 'reportedAt = :now', 'takenUntil = :until'],
      names: { '#kind': 'kind' },
      values: { ':kind': 'report-mark', ':edition': edition, ':now': now, ':until': until },
    };
    return (await updateIf(this.db, this.tableName, keys.reportMark(edition), take, anyOf(IS_NEW, lapsed(now))))
      .written;
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
