import type { ReportMarks } from '../../../functions/app/ports/report-marks.ts';

/** The report e-mails' marks in a Set: one winner per edition. */
export class MemoryReportMarks implements ReportMarks {
  readonly items = new Set<string>();

  /** Takes the mark; false when it was taken. */
  async claim(edition: string): Promise<boolean> {
    if (this.items.has(edition)) return false;
    this.items.add(edition);
    return true;
  }

  /** Gives the mark back. */
  async release(edition: string): Promise<void> {
    this.items.delete(edition);
  }
}
