import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BatchWriteCommand, type BatchWriteCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../functions/adapters/dynamo/keys.ts';
import { TABLE } from '../functions/adapters/dynamo/table.ts';
import { importCommentaries } from '../functions/app/import-commentaries.ts';
import type { AddressCipher } from '../functions/app/ports/address-cipher.ts';
import { editionDates } from '../functions/core/edition.ts';
import { shardOf } from '../functions/core/identity.ts';
import { LANGUAGES } from '../functions/core/language.ts';
import type { Subscription } from '../functions/core/subscription.ts';
import { createAddressCipher } from '../functions/wiring/address-cipher.ts';
import type { createSendContext } from '../functions/wiring/send.ts';
import { eachLimited } from './stats.ts';

type SendContext = Awaited<ReturnType<typeof createSendContext>>;

const SAMPLES = join(import.meta.dirname, '..', 'local', 'samples');

/** A confirmed subscriber item in the shape DynamoSubscriberRepository writes (sparse sending index key set). */
export function confirmedItem(
  i: number,
  shards: number,
  now: number,
  cipher: Pick<AddressCipher, 'seal'>,
): Record<string, unknown> {
  const id = randomBytes(16).toString('base64url');
  const language = LANGUAGES[i % LANGUAGES.length] as Subscription['language'];
  const sub: Subscription = {
    id,
    address: cipher.seal(`reader${i}@bench.example`, id),
    language,
    status: 'confirmed',
    version: 2,
    createdAt: now,
    updatedAt: now,
    confirmedAt: now,
    consent: {
      requestedAt: now,
      confirmedAt: now,
      language,
      networkHash: randomBytes(12).toString('base64url'),
      source: 'https://example.org/',
      textVersion: '2026-11-v1',
    },
  };
  return {
    ...keys.subscriber(id),
    kind: 'subscriber',
    ...sub,
    [TABLE.sendingIndex.partitionKey]: keys.sendingPartition(language, shardOf(id, shards)),
    [TABLE.sendingIndex.sortKey]: id,
  };
}

/** Writes items with BatchWriteItem (25 a call, 8 calls in flight by default), retrying what comes back unprocessed. */
export async function writeAll(
  db: DynamoDBDocumentClient,
  table: string,
  all: readonly Record<string, unknown>[],
  inFlight = 8,
) {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < all.length; i += 25) chunks.push(all.slice(i, i + 25));
  await eachLimited(chunks, inFlight, async (items) => {
    let requests: unknown[] | undefined = items.map((Item) => ({ PutRequest: { Item } }));
    while (requests && requests.length > 0) {
      const out: BatchWriteCommandOutput = await db.send(
        new BatchWriteCommand({ RequestItems: { [table]: requests as never } }),
      );
      requests = out.UnprocessedItems?.[table];
    }
  });
}

/** Writes `count` confirmed subscribers over the three languages. */
export async function seedSubscribers(ctx: SendContext, count: number) {
  const now = Date.now();
  const cipher = await createAddressCipher(ctx.secrets, ctx.config);
  const { db, config } = ctx;
  const [table, shards] = [config.TABLE_NAME, config.SHARDS];
  await writeAll(
    db,
    table,
    Array.from({ length: count }, (_, i) => confirmedItem(i, shards, now, cipher)),
  );
}

/** Imports the sample commentaries (all three languages) into each edition, dated on its Monday. */
export async function seedEditions(ctx: SendContext, editions: readonly string[]): Promise<void> {
  const names = readdirSync(SAMPLES).filter((f) => f.endsWith('.md'));
  for (const edition of editions) {
    const { monday } = editionDates(edition);
    const files = names.map((f) => ({
      path: join(SAMPLES, f),
      text: readFileSync(join(SAMPLES, f), 'utf8')
        .replace(/^date:.*$/m, `date: ${monday}`)
        .replace(/^edition:.*$/m, `edition: ${edition}`)
        .replace(/^slug: (.*)$/m, `slug: $1-${edition.toLowerCase()}`),
    }));
    const result = await importCommentaries(ctx.commentaries, files);
    if (result.problems.length > 0) throw new Error(`samples are invalid: ${JSON.stringify(result.problems)}`);
  }
}
