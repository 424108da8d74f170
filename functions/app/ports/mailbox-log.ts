/** The cooldown slots of each canonical mailbox (see DynamoMailboxLog). */

export interface MailboxLog {
  /** Takes a slot for `request`; false when the mailbox's cooldown or daily cap does not allow one now. */
  take(mailboxId: string, request: string, now: number): Promise<boolean>;
  /** Gives the slot of `request` back. */
  release(mailboxId: string, request: string, now: number): Promise<void>;
}
