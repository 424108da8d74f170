/**
 * The account-wide ceiling on confirmation e-mails per hour (DynamoConfirmationCeiling): a signup flood of many
 * distinct addresses pauses the e-mails instead of sending SES's reputation after them.
 */
export interface ConfirmationCeiling {
  /** Takes one of this hour's e-mails; false when the hour's are all taken. */
  take(now: number): Promise<boolean>;
  /** Gives back one taken in the hour of `now` (its e-mail was not accepted). */
  giveBack(now: number): Promise<void>;
  /** When the next hour starts: a paused e-mail waits until then. */
  nextHour(now: number): number;
}
