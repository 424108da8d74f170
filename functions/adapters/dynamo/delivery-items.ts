import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DeliveryDetails } from '../../app/ports/delivery-store.ts';
import type { ReaderDelivery } from '../../app/ports/reader-deliveries.ts';
import { editionAt, nextEdition } from '../../core/edition.ts';
import type { Language } from '../../core/language.ts';
import { type Delivery, type DeliveryStatus, erasedOutcome } from '../../core/send.ts';
import { WRITE_ID } from './conditional-write.ts';
import type { ItemKey } from './keys.ts';
import type { Item } from './pager.ts';
import { TABLE } from './table.ts';

/** Delivery records feed the edition report; DynamoDB's TTL removes them after about 13 months. */
export const DELIVERY_RECORD_MS = 400 * 86_400_000;
const DAY_MS = 86_400_000;
// Attributes the port shows by name; every other stored attribute is a settle detail.
const OWN = new Set([
  'pk',
  'sk',
  TABLE.ttlAttribute,
  WRITE_ID,
  'claimId',
  'feedbackId',
  'status',
  'language',
  'attempts',
]);

/** The editions from before the oldest record that can exist (its lifetime, two weeks more) to eight weeks ahead. */
export function editionsAround(now: number): string[] {
  const last = editionAt(now + 56 * DAY_MS, 'UTC');
  const editions = [editionAt(now - DELIVERY_RECORD_MS - 14 * DAY_MS, 'UTC')];
  while (editions[editions.length - 1] !== last) editions.push(nextEdition(editions[editions.length - 1] as string));
  return editions;
}

/** A stored record as the port shows it. */
export function toDelivery(item: Item): Delivery {
  return {
    subscriberId: item.sk as string,
    language: item.language as Language,
    status: item.status as DeliveryStatus,
    attempts: Number(item.attempts ?? 0),
    ...(item.transientBounces ? { transientBounces: Number(item.transientBounces) } : {}),
  };
}

/** A stored record with its edition and settle details (what an export shows). */
export function toReaderDelivery(item: Item): ReaderDelivery {
  const details: DeliveryDetails = {};
  for (const [k, v] of Object.entries(item))
    if (!OWN.has(k) && k !== 'transientBounces') details[k] = v as string | number;
  return { edition: (item.pk as string).split('#')[1] as string, ...toDelivery(item), details };
}

/** A reader's stored records of every edition whose records can still exist at `now`, by consistent BatchGetItem. */
export async function readerItems(
  db: DynamoDBDocumentClient,
  tableName: string,
  keyOf: (edition: string) => ItemKey,
  now: number,
): Promise<Item[]> {
  const found: Item[] = [];
  const editions = editionsAround(now);
  for (let i = 0; i < editions.length; i += 100) {
    let pending: ItemKey[] | undefined = editions.slice(i, i + 100).map(keyOf);
    while (pending && pending.length > 0) {
      const out = await db.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      found.push(...(out.Responses?.[tableName] ?? []));
      pending = out.UnprocessedKeys?.[tableName]?.Keys as ItemKey[] | undefined;
    }
  }
  // A fence (an erased reader's record's place) is no record of the reader's.
  return found.filter((item) => item.status !== 'fence').sort((a, b) => String(a.pk).localeCompare(String(b.pk)));
}

/** The anonymous stand-in at `key` of an erased reader's record: outcome, language, attempts and lifetime only. */
export function erasedItem(key: ItemKey, item: Item): Item {
  return {
    ...key,
    status: erasedOutcome(item.status as DeliveryStatus),
    language: item.language,
    attempts: Number(item.attempts ?? 1),
    reason: 'erased',
    [TABLE.ttlAttribute]: item[TABLE.ttlAttribute],
  };
}
