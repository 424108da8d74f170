/** The once-only mark of an edition's report e-mail (DynamoReportMarks). */
export interface ReportMarks {
  /**
   * Takes the mark until `until`; false when it is held (the report is going out) or done (it went out). A mark
   * whose report did not finish by `until` (the function died) may be taken again.
   */
  claim(edition: string, now: number, until: number): Promise<boolean>;
  /** The report went out: the mark stays for good. */
  complete(edition: string): Promise<void>;
  /** Gives the mark back after the mail failed, so a later completion tries again. */
  release(edition: string): Promise<void>;
}
