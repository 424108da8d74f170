import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from './client.ts';
import type { ItemKey } from './keys.ts';
import type { Item } from './pager.ts';

/**
 * The attribute naming the write that last stored an item. A write whose answer was lost is retried by the SDK; the
 * retry fails its condition on the write itself, and the re-read that finds this id tells the write it succeeded.
 */
export const WRITE_ID = 'writeId';

/** A condition of a write: its expression and the names and values the expression uses. */
export interface Condition {
  readonly expression: string;
  readonly names?: Readonly<Record<string, string>>;
  readonly values?: Readonly<Record<string, unknown>>;
}

/** The item is not stored yet: the condition of every create (written here and nowhere else). */
export const IS_NEW: Condition = { expression: 'attribute_not_exists(pk)' };
/** The item is stored. */
export const EXISTS: Condition = { expression: 'attribute_exists(pk)' };

/** The stored version is still `expected` (optimistic concurrency on a `version` attribute); 0: not stored yet. */
export function sameVersion(expected: number): Condition {
  if (expected === 0) return IS_NEW;
  return { expression: '#version = :expected', names: { '#version': 'version' }, values: { ':expected': expected } };
}

/** Holds when any of the conditions holds. */
export function anyOf(...conditions: Condition[]): Condition {
  return joined(conditions, ' OR ');
}

/** Holds when every one of the conditions holds. */
export function allOf(...conditions: Condition[]): Condition {
  return joined(conditions, ' AND ');
}

/**
 * This very write is not what is stored: what makes a retried write (ADD, a counter) count once. Left open: another
 * writer's write between the lost answer and the retry makes the retry apply again (a window of one SDK back-off).
 */
const NOT_THIS_ATTEMPT: Condition = {
  expression: 'attribute_not_exists(#writeId) OR #writeId <> :writeId',
  names: { '#writeId': WRITE_ID },
};

function joined(conditions: readonly Condition[], operator: string): Condition {
  return {
    expression: conditions.map((c) => `(${c.expression})`).join(operator),
    names: Object.assign({}, ...conditions.map((c) => c.names ?? {})),
    values: Object.assign({}, ...conditions.map((c) => c.values ?? {})),
  };
}

/** An update's actions by clause, e.g. `{ set: ['#status = :sending'], add: ['attempts :one'] }`, and their names and values. */
export interface UpdateParts {
  readonly set?: readonly string[];
  readonly add?: readonly string[];
  readonly remove?: readonly string[];
  /** Members taken out of sets: `#attr :members`. */
  readonly delete?: readonly string[];
  readonly names?: Readonly<Record<string, string>>;
  readonly values?: Readonly<Record<string, unknown>>;
}

/** How a conditional write ended: written (by this call, maybe by a retry after a lost answer), or refused. */
export type WriteOutcome =
  | { readonly written: true; readonly item: Item }
  | { readonly written: false; readonly current: Item | undefined };

/**
 * Puts `item` when `condition` holds (default: a create, IS_NEW), marked with a fresh attempt id; on a failed
 * condition a consistent re-read tells the write's own retry (written) from another writer (refused, with the item
 * as stored). Every other error is rethrown.
 *
 * @example
 * const outcome = await putIf(this.db, this.tableName, { ...keys.reportMark(edition), kind: 'report-mark' });
 * return outcome.written;
 */
export async function putIf(
  db: DynamoDBDocumentClient,
  tableName: string,
  item: Item,
  condition: Condition = IS_NEW,
): Promise<WriteOutcome> {
  const attempt = randomUUID();
  const stored = { ...item, [WRITE_ID]: attempt };
  const guard = allOf(condition, NOT_THIS_ATTEMPT);
  return settle(db, tableName, keyOf(item), attempt, async () => {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: stored,
        ConditionExpression: guard.expression,
        ExpressionAttributeNames: guard.names,
        ExpressionAttributeValues: { ...guard.values, ':writeId': attempt },
      }),
    );
    return stored;
  });
}

/**
 * Updates the item at `key` when `condition` holds (default: always), marked with a fresh attempt id, and answers
 * with the item after the update. A retry of the same update never applies twice (an ADD counts once); on a failed
 * condition a consistent re-read tells the write's own retry from another writer, as putIf does.
 */
export async function updateIf(
  db: DynamoDBDocumentClient,
  tableName: string,
  key: ItemKey,
  update: UpdateParts,
  condition?: Condition,
): Promise<WriteOutcome> {
  const attempt = randomUUID();
  const guard = condition ? allOf(condition, NOT_THIS_ATTEMPT) : NOT_THIS_ATTEMPT;
  const clauses = [
    `SET ${[...(update.set ?? []), '#writeId = :writeId'].join(', ')}`,
    ...(update.add?.length ? [`ADD ${update.add.join(', ')}`] : []),
    ...(update.remove?.length ? [`REMOVE ${update.remove.join(', ')}`] : []),
    ...(update.delete?.length ? [`DELETE ${update.delete.join(', ')}`] : []),
  ];
  return settle(db, tableName, key, attempt, async () => {
    const out = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: clauses.join(' '),
        ConditionExpression: guard.expression,
        ExpressionAttributeNames: { ...update.names, ...guard.names },
        ExpressionAttributeValues: { ...update.values, ...guard.values, ':writeId': attempt },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes ?? {};
  });
}

async function settle(
  db: DynamoDBDocumentClient,
  tableName: string,
  key: ItemKey,
  attempt: string,
  write: () => Promise<Item>,
): Promise<WriteOutcome> {
  try {
    return { written: true, item: await write() };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  // The write's own retry, or another writer: only the attempt id stored tells them apart.
  const out = await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  if (out.Item?.[WRITE_ID] === attempt) return { written: true, item: out.Item };
  return { written: false, current: out.Item };
}

function keyOf(item: Item): ItemKey {
  return { pk: String(item.pk), sk: String(item.sk) };
}

/** An item without its keys and the attempt id: what an adapter hands back as a record. */
export function withoutKeys(item: Item): Item {
  const { pk: _pk, sk: _sk, [WRITE_ID]: _w, ...rest } = item;
  return rest;
}
