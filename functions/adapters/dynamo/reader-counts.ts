import { createHash } from 'node:crypto';
import { BatchGetCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ReaderCounts } from '../../app/ports/reader-counts.ts';
import { shardOf } from '../../core/identity.ts';
import { isConditionFailure } from './client.ts';
import { type ItemKey, keys } from './keys.ts';

/** Items the counters are spread over (by subscriber id), so concurrent state changes rarely meet on one item. */
export const COUNT_SHARDS = 8;
/** Slots per counter item remembering the latest transition that landed in them (see `move`). */
const SLOTS = 64;

/** What a slot stores of a transition id: 128 bits of its SHA-256, which names no reader. */
function transitionDigest(transition: string): string {
  return createHash('sha256').update(transition).digest('base64url').slice(0, 22);
}

/**
 * The readers' counters, `COUNT#<shard>` / `READERS`: one number attribute per cell (`en#confirmed`,
 * `be#pending#2026-12-14`). A move is one UpdateItem that ADDs -1 and +1 and records its transition id
 * (`<subscriber>@<createdAt>@<version>`, the same on every retry) in one of SLOTS slot attributes, conditioned on
 * that slot not holding it yet: an SDK retry after a lost answer, or the same transition moved twice, counts once.
 * The slot holds a digest of the transition id, not the id: an erased reader's subscriber id must not stay behind
 * in the counters (the digest still tells one transition from another).
 */
export class DynamoReaderCounts implements ReaderCounts {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Moves one subscription between cells, once per transition id; nothing when the cells are equal. */
  async move(subscriberId: string, transition: string, deltas: Readonly<Record<string, number>>): Promise<void> {
    const cells = Object.entries(deltas);
    if (cells.length === 0) return;
    const names: Record<string, string> = { '#slot': `t${shardOf(transition, SLOTS)}` };
    const values: Record<string, unknown> = { ':transition': transitionDigest(transition) };
    const adds = cells.map(([cell, n], i) => {
      names[`#c${i}`] = cell;
      values[`:n${i}`] = n;
      return `#c${i} :n${i}`;
    });
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.readerCount(shardOf(subscriberId, COUNT_SHARDS)),
          UpdateExpression: `SET #slot = :transition ADD ${adds.join(', ')}`,
          ConditionExpression: 'attribute_not_exists(#slot) OR #slot <> :transition',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      // The slot holds this very transition: it was counted (by this call's lost first attempt, or before).
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** Every shard in one BatchGetItem (retrying what DynamoDB left unprocessed), added up per cell. */
  async cells(): Promise<Record<string, number>> {
    const cells: Record<string, number> = {};
    let pending: ItemKey[] | undefined = Array.from({ length: COUNT_SHARDS }, (_, s) => keys.readerCount(s));
    while (pending && pending.length > 0) {
      const got = await this.db.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of got.Responses?.[this.tableName] ?? [])
        for (const [name, value] of Object.entries(item))
          if (name.includes('#') && typeof value === 'number') cells[name] = (cells[name] ?? 0) + value;
      pending = got.UnprocessedKeys?.[this.tableName]?.Keys as ItemKey[] | undefined;
    }
    return cells;
  }
}
