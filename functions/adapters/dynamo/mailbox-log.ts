import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { MailboxRecords } from '../../app/ports/mailbox-records.ts';
import { type MailboxSlot, releaseMailboxSlot, takeMailboxSlot } from '../../core/canonical-mailbox.ts';
import type { CooldownPolicy } from '../../core/subscription.ts';
import { isConditionFailure } from './client.ts';
import { keys } from './keys.ts';
import { TABLE } from './table.ts';

const NEW_ITEM = 'attribute_not_exists(pk)';
const SAME_VERSION = '#version = :expected';

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
    for (let attempt = 1; ; attempt++) {
      // Write first (taking a slot): the first try takes the mailbox as unlogged, so a new mailbox costs one
      // conditional put; a logged one fails that condition, and every later try reads the log.
      const out =
        writeFirst && attempt === 1
          ? { Item: undefined }
          : await this.db.send(new GetCommand({ TableName: this.tableName, Key, ConsistentRead: true }));
      const version = Number(out.Item?.version ?? 0);
      const log = (out.Item?.log ?? []) as MailboxSlot[];
      const { allowed, log: next } = decide(log);
      if (!allowed) return false;
      if (JSON.stringify(next) === JSON.stringify(log)) return true;
      try {
        await this.db.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...Key, kind: 'mailbox', version: version + 1, log: next, [TABLE.ttlAttribute]: ttl(now) },
            ConditionExpression: version === 0 ? NEW_ITEM : SAME_VERSION,
            ...(version === 0
              ? {}
              : {
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':expected': version },
                }),
          }),
        );
        return true;
      } catch (error) {
        if (!isConditionFailure(error) || attempt >= 12) throw error;
        if (!writeFirst || attempt > 1) await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
      }
    }
  }
}

/** A mailbox log is useless a day after its last e-mail; DynamoDB's TTL removes it then. */
function ttl(now: number): number {
  return Math.ceil((now + 86_400_000) / 1000) + 60;
}
