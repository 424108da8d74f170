import type { ReportMarks } from '../../../functions/app/ports/report-marks.ts';

/** The report e-mails' marks in a Map (edition → until when taken; undefined once the report went out). */
export class MemoryReportMarks implements ReportMarks {
  readonly items = new Map<string, number | undefined>();

  /** Takes the mark until `until` unless it is held or done. */
  async claim(edition: string, now: number, until: number): Promise<boolean> {
    if (this.items.has(edition)) {
      const takenUntil = this.items.get(edition);
      if (takenUntil === undefined || takenUntil >= now) return false;
    }
    this.items.set(edition, until);
    return true;
  }

  /** The report went out: the mark stays for good. */
  async complete(edition: string): Promise<void> {
    if (this.items.has(edition)) this.items.set(edition, undefined);
  }

  /** Gives the mark back. */
  async release(edition: string): Promise<void> {
    this.items.delete(edition);
  }
}
