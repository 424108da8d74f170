import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SendRecordStore } from '../../app/ports/send-record-store.ts';
import type { Language } from '../../core/language.ts';
import type { SendRecord } from '../../core/send.ts';
import { isConditionFailure } from './client.ts';
import { keys } from './keys.ts';

const NEW_SEND = 'attribute_not_exists(pk)';
const LEASE_FREE = '#status = :dispatching AND leaseUntil < :now';
const OWNED = '#owner = :owner';

/** One send record per edition: created once (the guard against a second start), then the dispatch checkpoint. */
export class DynamoSendRecordStore implements SendRecordStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Creates the send record, or takes over one whose dispatcher died (lease expired); undefined when neither. When a
   * write's answer was lost and its retry failed the condition, a consistent re-read naming this owner tells it won.
   */
  async claim(record: SendRecord, now: number): Promise<SendRecord | undefined> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.send(record.edition), ...record },
          ConditionExpression: NEW_SEND,
        }),
      );
      return record;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const stored = await this.get(record.edition);
      if (stored?.owner === record.owner) return stored;
    }
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.send(record.edition),
          UpdateExpression: 'SET #owner = :owner, leaseUntil = :lease',
          ConditionExpression: LEASE_FREE,
          ExpressionAttributeNames: { '#owner': 'owner', '#status': 'status' },
          ExpressionAttributeValues: {
            ':owner': record.owner,
            ':lease': record.leaseUntil,
            ':dispatching': 'dispatching',
            ':now': now,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes ? toRecord(out.Attributes) : undefined;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const stored = await this.get(record.edition);
      return stored?.owner === record.owner ? stored : undefined;
    }
  }

  /** Reads an edition's send record (strongly consistent). */
  async get(edition: string): Promise<SendRecord | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.send(edition), ConsistentRead: true }),
    );
    return out.Item ? toRecord(out.Item) : undefined;
  }

  /**
   * Records progress after a batch was queued: the shard's position moves from `previous` to `value` and the
   * language's planned count grows. Conditional on both the owner and the previous position, so an SDK retry of a
   * write that already succeeded cannot count a batch twice. False when another dispatcher owns the send now.
   */
  async checkpoint(
    edition: string,
    owner: string,
    move: { position: string; previous: string | undefined; value: string },
    language: Language,
    added: number,
    leaseUntil: number,
  ): Promise<boolean> {
    const { position, previous, value } = move;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.send(edition),
          UpdateExpression: 'SET checkpoint.#pos = :value, leaseUntil = :lease ADD planned.#lang :n',
          ConditionExpression: `${OWNED} AND ${previous === undefined ? 'attribute_not_exists(checkpoint.#pos)' : 'checkpoint.#pos = :prev'}`,
          ExpressionAttributeNames: { '#owner': 'owner', '#pos': position, '#lang': language },
          ExpressionAttributeValues: {
            ':owner': owner,
            ':value': value,
            ':lease': leaseUntil,
            ':n': added,
            ...(previous === undefined ? {} : { ':prev': previous }),
          },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Either another dispatcher took over, or this very write had already succeeded before a retry.
      const now = await this.get(edition);
      return now?.owner === owner && now.checkpoint[position] === value;
    }
  }

  /** Marks the whole edition dispatched; false when another dispatcher owns it now. */
  async finish(edition: string, owner: string, now: number): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.send(edition),
          UpdateExpression: 'SET #status = :done, dispatchedAt = :now',
          ConditionExpression: OWNED,
          ExpressionAttributeNames: { '#owner': 'owner', '#status': 'status' },
          ExpressionAttributeValues: { ':owner': owner, ':done': 'dispatched', ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

function toRecord(item: Record<string, unknown>): SendRecord {
  const { pk: _pk, sk: _sk, ...record } = item;
  return record as unknown as SendRecord;
}
