/** The once-only mark of an edition's report e-mail (DynamoReportMarks). */

export interface ReportMarks {
  /** Takes the mark; false when it was taken before (the report went out, or is going out). */
  claim(edition: string, now: number): Promise<boolean>;
  /** Gives the mark back after the mail failed, so a later completion tries again. */
  release(edition: string): Promise<void>;
}
