import { DeleteCommand, type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { MailboxRecords } from '../../app/ports/mailbox-records.ts';
import { type MailboxSlot, releaseMailboxSlot, takeMailboxSlot } from '../../core/canonical-mailbox.ts';
import { ConcurrentUpdateError } from '../../core/errors.ts';
import type { CooldownPolicy } from '../../core/subscription.ts';
import { putIf, sameVersion } from './conditional-write.ts';
import { keys } from './keys.ts';
import type { Item } from './pager.ts';
import { TABLE } from './table.ts';

/** Tries before a mailbox that many requests write at once is given up (each try re-reads the log). */
const TRIES = 12;

/**
 * The e-mails the subscription flow sent to each mailbox in the last 24 hours (cooldown and daily cap), one item per
 * canonical mailbox, changed by optimistic-version writes so concurrent requests cannot both take the last slot.
 */
export class DynamoMailboxLog implements MailboxRecords {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly policy: CooldownPolicy,
  ) {}

  /** Takes a slot for `request` at `now`; false when the mailbox's cooldown or daily cap does not allow one. */
  async take(mailboxId: string, request: string, now: number): Promise<boolean> {
    return this.change(mailboxId, now, (log) => takeMailboxSlot(log, request, now, this.policy), true);
  }

  /** Gives back the slot of `request` (its e-mail was not accepted). */
  async release(mailboxId: string, request: string, now: number): Promise<void> {
    await this.change(mailboxId, now, (log) => ({ allowed: true, log: releaseMailboxSlot(log, request) }), false);
  }

  /** The mailbox's logged e-mails (what an export shows). */
  async slots(mailboxId: string): Promise<MailboxSlot[]> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.mailbox(mailboxId), ConsistentRead: true }),
    );
    return (out.Item?.log ?? []) as MailboxSlot[];
  }

  /** Deletes the mailbox's log (erasure). */
  async erase(mailboxId: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.mailbox(mailboxId) }));
  }

  private async change(
    mailboxId: string,
    now: number,
    decide: (log: readonly MailboxSlot[]) => { allowed: boolean; log: MailboxSlot[] },
    writeFirst: boolean,
  ): Promise<boolean> {
    const Key = keys.mailbox(mailboxId);
    // Write first (taking a slot): the first try takes the mailbox as unlogged, so a new mailbox costs one conditional
    // put; a logged one fails that condition, and the refused write's re-read gives the log for the next try.
    let stored: Item | undefined = writeFirst
      ? undefined
      : (await this.db.send(new GetCommand({ TableName: this.tableName, Key, ConsistentRead: true }))).Item;
    for (let attempt = 1; attempt <= TRIES; attempt++) {
      const version = Number(stored?.version ?? 0);
      const log = (stored?.log ?? []) as MailboxSlot[];
      const { allowed, log: next } = decide(log);
      if (!allowed) return false;
      if (JSON.stringify(next) === JSON.stringify(log)) return true;
      const item = { ...Key, kind: 'mailbox', version: version + 1, log: next, [TABLE.ttlAttribute]: ttl(now) };
      const outcome = await putIf(this.db, this.tableName, item, sameVersion(version));
      if (outcome.written) return true;
      stored = outcome.current;
      // Another request wrote the log meanwhile: a random pause spreads the next tries of many at once.
      if (!writeFirst || attempt > 1) await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
    }
    throw new ConcurrentUpdateError({ mailbox: 'busy' });
  }
}

/** A mailbox log is useless a day after its last e-mail; DynamoDB's TTL removes it then. */
function ttl(now: number): number {
  return Math.ceil((now + 86_400_000) / 1000) + 60;
}
