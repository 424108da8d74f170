import { writeAll } from '../../functions/adapters/dynamo/batch.ts';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { TABLE } from '../../functions/adapters/dynamo/table.ts';
import { shardOf } from '../../functions/core/identity.ts';
import type { Language } from '../../functions/core/language.ts';
import type { createSendContext } from '../../functions/wiring/send.ts';
import type { LocalStack } from '../../local/stack.ts';
import { cli } from './cli.ts';
import { inbox } from './local.ts';
import type { MigrationWatch } from './migration-watch-proxy.ts';

type Ctx = Awaited<ReturnType<typeof createSendContext>>;
/** BatchWriteItem calls in flight at once while seeding. */
const LANES = 4;

/** A confirmed reader as an older version stored it: the item's own fields, besides the keys and the status. */
export interface OldReader {
  readonly id: string;
  readonly language: Language;
  /** Whatever that version stored besides (a clear `email` or a sealed `address`, its `consent`...). */
  readonly fields: Record<string, unknown>;
}

/**
 * Puts confirmed readers into the table as an older version stored them, past the repository (which would write
 * today's shape), with the sending index set so a send finds them. Version 1, created and confirmed `now`.
 */
export async function putOldReaders(ctx: Ctx, readers: OldReader[], now = Date.now()): Promise<void> {
  const items = readers.map(({ id, language, fields }) => ({
    ...keys.subscriber(id),
    kind: 'subscriber',
    ...{ id, language, status: 'confirmed', version: 1, createdAt: now, updatedAt: now, confirmedAt: now },
    ...fields,
    [TABLE.sendingIndex.partitionKey]: keys.sendingPartition(language, shardOf(id, ctx.config.SHARDS)),
    [TABLE.sendingIndex.sortKey]: id,
  }));
  // A few lanes of BatchWriteItem calls (25 items each, what is left unprocessed sent again): 10,000 readers in seconds.
  const lane = Math.ceil(items.length / LANES / 25) * 25;
  await Promise.all(
    Array.from({ length: LANES }, (_, k) =>
      writeAll(
        ctx.db,
        ctx.config.TABLE_NAME,
        items.slice(k * lane, (k + 1) * lane).map((Item) => ({ PutRequest: { Item } })),
      ),
    ),
  );
}

/** How many e-mails the stand-in holds for each recipient, by lower-cased address. */
export async function mailsPerRecipient(stack: LocalStack): Promise<Map<string, number>> {
  const per = new Map<string, number>();
  for (const m of await inbox(stack))
    for (const to of m.destination.to) per.set(to.toLowerCase(), (per.get(to.toLowerCase()) ?? 0) + 1);
  return per;
}

/** What a watched send met: the two migration runs and their timings (the watch holds the reads and writes). */
export interface WatchedSend {
  readonly runs: { code: number; out: string; err: string }[];
  /** Milliseconds from the send's start to its end, and to each run's end. */
  readonly sendMs: number;
  readonly runsMs: number[];
}

/**
 * Sends `edition` through a stack whose DynamoDB calls pass `watch`; once the send has read a reader not yet migrated,
 * pauses its reads, starts `newsletter migrate <what>` twice at once, and lets the send go on as soon as a reader it
 * has not read yet is migrated: so the migration certainly starts before the send ends, and the send certainly reads
 * old and migrated records, whatever the machine's speed. Answers once the send and both runs are done.
 */
export async function migrateTwiceDuringWatchedSend(
  stack: LocalStack,
  watch: MigrationWatch<string>,
  what: string,
  edition: string,
): Promise<WatchedSend> {
  const start = Date.now();
  let sendMs = 0;
  const sending = stack.dispatch({ edition }).then((sent) => {
    sendMs = Date.now() - start;
    return sent;
  });
  await Promise.race([
    watch.firstReadBefore,
    sending.then(() => Promise.reject(new Error('the send ended before it read a reader not yet migrated'))),
  ]);
  const wroteAhead = watch.holdReadsUntilWriteAhead();
  const migrate = () => cli(stack.env, 'migrate', what).then((run) => ({ ...run, ms: Date.now() - start }));
  const [sent, runs] = await Promise.all([sending, Promise.all([migrate(), migrate()]), wroteAhead]);
  if (sent.result.edition !== edition) throw new Error(`the send went to ${sent.result.edition}, not ${edition}`);
  return { runs, sendMs, runsMs: runs.map((r) => r.ms) };
}
