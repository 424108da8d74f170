import { BatchGetCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FeedbackSets } from '../../app/ports/feedback-sets.ts';
import { addFeedback, FEEDBACK_KINDS, type FeedbackCounts, type FeedbackKind } from '../../core/edition-summary.ts';
import { shardOf } from '../../core/identity.ts';
import { LANGUAGES, type Language } from '../../core/language.ts';
import { isConditionFailure } from './client.ts';
import { type ItemKey, keys } from './keys.ts';
import { TABLE } from './table.ts';

/** Items per edition the sets are spread over (by subscriber id), so no single item takes every event's write. */
export const FEEDBACK_SHARDS = 8;
// The sets hold subscriber ids: they expire with the delivery records (deliveries.ts), about 13 months.
const LIFETIME_S = 400 * 86_400;
const attr = (kind: FeedbackKind | 'suppressed', language: Language) => `${kind}_${language}`;

/**
 * An edition's bounced and complained readers as DynamoDB string sets, `FEEDBACK#<edition>#<shard>` / `SETS`, one
 * attribute per kind and language (`bounced_en`). ADD and DELETE of a set member are idempotent, so an SES event
 * applied twice, or a write whose answer was lost and retried, counts once; the counts are the sets' sizes.
 */
export class DynamoFeedbackSets implements FeedbackSets {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** One update: ADD to this kind's set, DELETE from the other kind's (the delivery record keeps the last kind). */
  async mark(edition: string, subscriberId: string, language: Language, kind: FeedbackKind, now: number) {
    const other = kind === 'bounced' ? 'complained' : 'bounced';
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(edition, subscriberId),
        UpdateExpression: 'SET #ttl = if_not_exists(#ttl, :ttl) ADD #add :id DELETE #other :id',
        ExpressionAttributeNames: {
          '#ttl': TABLE.ttlAttribute,
          '#add': attr(kind, language),
          '#other': attr(other, language),
        },
        ExpressionAttributeValues: { ':id': new Set([subscriberId]), ':ttl': Math.ceil(now / 1000) + LIFETIME_S },
      }),
    );
  }

  /** ADD to the edition's `suppressed_<language>` set: readers its soft bounces suppressed (idempotent too). */
  async markSuppressed(edition: string, subscriberId: string, language: Language, now: number) {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(edition, subscriberId),
        UpdateExpression: 'SET #ttl = if_not_exists(#ttl, :ttl) ADD #add :id',
        ExpressionAttributeNames: { '#ttl': TABLE.ttlAttribute, '#add': `suppressed_${language}` },
        ExpressionAttributeValues: { ':id': new Set([subscriberId]), ':ttl': Math.ceil(now / 1000) + LIFETIME_S },
      }),
    );
  }

  async suppressedCounts(edition: string): Promise<Partial<Record<Language, number>>> {
    const out: Partial<Record<Language, number>> = {};
    for (const item of await this.shards(edition))
      for (const language of LANGUAGES) {
        const n = (item[`suppressed_${language}`] as Set<string> | undefined)?.size ?? 0;
        if (n > 0) out[language] = (out[language] ?? 0) + n;
      }
    return out;
  }

  /** Reads the edition's shards in one BatchGetItem (retrying what DynamoDB left unprocessed). */
  async counts(edition: string): Promise<FeedbackCounts> {
    const out: FeedbackCounts = {};
    for (const item of await this.shards(edition))
      for (const language of LANGUAGES)
        for (const kind of FEEDBACK_KINDS) {
          const members = item[attr(kind, language)] as Set<string> | undefined;
          if (members) addFeedback(out, language, kind, members.size);
        }
    return out;
  }

  private async shards(edition: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let pending: ItemKey[] | undefined = Array.from({ length: FEEDBACK_SHARDS }, (_, s) => keys.feedback(edition, s));
    while (pending && pending.length > 0) {
      const got = await this.db.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      items.push(...(got.Responses?.[this.tableName] ?? []));
      pending = got.UnprocessedKeys?.[this.tableName]?.Keys as ItemKey[] | undefined;
    }
    return items;
  }

  /** For each edition, one conditional update deleting the reader from every set of its shard. */
  async forget(subscriberId: string, editions: readonly string[]): Promise<void> {
    const names: Record<string, string> = {};
    const deletes: string[] = [];
    for (const language of LANGUAGES)
      for (const kind of [...FEEDBACK_KINDS, 'suppressed'] as const) {
        names[`#${attr(kind, language)}`] = attr(kind, language);
        deletes.push(`#${attr(kind, language)} :id`);
      }
    // All editions at once: erasure costs one round trip here however many editions the reader was sent.
    await Promise.all(
      [...new Set(editions)].map(async (edition) => {
        try {
          await this.db.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: this.key(edition, subscriberId),
              UpdateExpression: `DELETE ${deletes.join(', ')}`,
              // Without the condition an update would create an empty item for an edition nobody bounced in.
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: { ':id': new Set([subscriberId]) },
            }),
          );
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }),
    );
  }

  private key(edition: string, subscriberId: string): ItemKey {
    return keys.feedback(edition, shardOf(subscriberId, FEEDBACK_SHARDS));
  }
}
