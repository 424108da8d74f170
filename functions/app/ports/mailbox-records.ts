import type { MailboxSlot } from '../../core/canonical-mailbox.ts';

/** The cooldown log of a canonical mailbox (DynamoMailboxLog): the subscription e-mails of the last day. */

export interface MailboxRecords {
  slots(mailboxId: string): Promise<MailboxSlot[]>;
  erase(mailboxId: string): Promise<void>;
}
