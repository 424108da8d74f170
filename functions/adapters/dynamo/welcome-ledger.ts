import { DeleteCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ReaderWelcome, ReaderWelcomes } from '../../app/ports/reader-welcomes.ts';
import type { WelcomeLedger } from '../../app/ports/welcome-ledger.ts';
import { deleteKeys } from './batch.ts';
import { isConditionFailure } from './client.ts';
import { anyOf, type Condition, IS_NEW, putIf } from './conditional-write.ts';
import { KEY_PREFIX, keys } from './keys.ts';
import { type Item, partitionItems } from './pager.ts';

/** Claimed by a process that died before it could send (claimed before `staleBefore`). */
const abandoned = (staleBefore: number): Condition => ({
  expression: '#status = :sending AND claimedAt < :stale',
  names: { '#status': 'status' },
  values: { ':sending': 'sending', ':stale': staleBefore },
});
/** Welcome records carry no address; they expire with the delivery records. */
const KEEP_SECONDS = 400 * 86_400;

/** One item per subscription's welcome: claimed with a conditional put, then marked sent. */
export class DynamoWelcomeLedger implements WelcomeLedger, ReaderWelcomes {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Claims the welcome (new, or abandoned by a process that died); false when it was sent or another process is
   * sending it. A claim whose answer was lost is still this claim's (its attempt id).
   */
  async claim(subscriberId: string, confirmedAt: number, now: number, staleBefore: number): Promise<boolean> {
    const claim = {
      ...keys.welcome(subscriberId, confirmedAt),
      status: 'sending',
      claimedAt: now,
      ttl: Math.floor(now / 1000) + KEEP_SECONDS,
    };
    return (await putIf(this.db, this.tableName, claim, anyOf(IS_NEW, abandoned(staleBefore)))).written;
  }

  /** Marks the welcome sent. */
  async settle(subscriberId: string, confirmedAt: number, messageId: string, now: number): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.welcome(subscriberId, confirmedAt),
        UpdateExpression: 'SET #status = :sent, messageId = :id, sentAt = :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':id': messageId, ':now': now },
      }),
    );
  }

  /** Removes an unsent claim. */
  async release(subscriberId: string, confirmedAt: number): Promise<void> {
    await this.db
      .send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.welcome(subscriberId, confirmedAt),
          ConditionExpression: '#status = :sending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sending': 'sending' },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  }

  /** Every welcome record of a reader, oldest confirmation first. */
  async ofReader(subscriberId: string): Promise<ReaderWelcome[]> {
    return (await this.welcomesOf(subscriberId)).map((i) => ({
      confirmedAt: Number(i.sk),
      status: i.status === 'sent' ? 'sent' : 'sending',
      claimedAt: Number(i.claimedAt),
      ...(typeof i.sentAt === 'number' ? { sentAt: i.sentAt } : {}),
      ...(typeof i.messageId === 'string' ? { messageId: i.messageId } : {}),
    }));
  }

  /** Deletes every welcome record of a reader (erasure). */
  async eraseReader(subscriberId: string): Promise<void> {
    const found = await this.welcomesOf(subscriberId);
    await deleteKeys(
      this.db,
      this.tableName,
      found.map((i) => ({ pk: String(i.pk), sk: String(i.sk) })),
    );
  }

  /** The reader's welcome records: their one partition. */
  private welcomesOf(subscriberId: string): Promise<Item[]> {
    return partitionItems(this.db, this.tableName, `${KEY_PREFIX.welcome}${subscriberId}`);
  }
}
