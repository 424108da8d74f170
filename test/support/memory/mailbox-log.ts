import type { MailboxLog } from '../../../functions/app/ports/mailbox-log.ts';
import type { MailboxRecords } from '../../../functions/app/ports/mailbox-records.ts';
import { type MailboxSlot, releaseMailboxSlot, takeMailboxSlot } from '../../../functions/core/canonical-mailbox.ts';
import type { CooldownPolicy } from '../../../functions/core/subscription.ts';

/** Each mailbox's cooldown slots in a Map, decided by the same core rules as DynamoMailboxLog. */
export class MemoryMailboxLog implements MailboxLog, MailboxRecords {
  readonly logs = new Map<string, MailboxSlot[]>();

  constructor(private readonly policy: CooldownPolicy) {}

  /** Takes a slot for `request`; false when the cooldown or the daily cap does not allow one now. */
  async take(mailboxId: string, request: string, now: number): Promise<boolean> {
    const { allowed, log } = takeMailboxSlot(this.logs.get(mailboxId) ?? [], request, now, this.policy);
    if (allowed) this.logs.set(mailboxId, log);
    return allowed;
  }

  /** Gives the slot of `request` back. */
  async release(mailboxId: string, request: string): Promise<void> {
    this.logs.set(mailboxId, releaseMailboxSlot(this.logs.get(mailboxId) ?? [], request));
  }

  /** The mailbox's slots. */
  async slots(mailboxId: string): Promise<MailboxSlot[]> {
    return [...(this.logs.get(mailboxId) ?? [])];
  }

  /** Forgets the mailbox. */
  async erase(mailboxId: string): Promise<void> {
    this.logs.delete(mailboxId);
  }
}
