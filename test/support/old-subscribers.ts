import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { TABLE } from '../../functions/adapters/dynamo/table.ts';
import { shardOf } from '../../functions/core/identity.ts';
import type { Language } from '../../functions/core/language.ts';
import type { createSendContext } from '../../functions/wiring/send.ts';
import type { LocalStack } from '../../local/stack.ts';
import { cli } from './cli.ts';
import { inbox } from './local.ts';

type Ctx = Awaited<ReturnType<typeof createSendContext>>;

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
  for (let i = 0; i < items.length; i += 25)
    await ctx.db.send(
      new BatchWriteCommand({
        RequestItems: { [ctx.config.TABLE_NAME]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
}

/** How many e-mails the stand-in holds for each recipient, by lower-cased address. */
export async function mailsPerRecipient(stack: LocalStack): Promise<Map<string, number>> {
  const per = new Map<string, number>();
  for (const m of await inbox(stack))
    for (const to of m.destination.to) per.set(to.toLowerCase(), (per.get(to.toLowerCase()) ?? 0) + 1);
  return per;
}

/**
 * Runs `newsletter migrate <what>` twice at once while the stack sends `edition`, as an operator might during a send;
 * answers the two runs once the send and both runs are done.
 */
export async function migrateTwiceDuringSend(stack: LocalStack, what: string, edition: string) {
  const migrate = () => cli(stack.env, 'migrate', what);
  const [sent, ...runs] = await Promise.all([stack.dispatch({ edition }), migrate(), migrate()]);
  if (sent.result.edition !== edition) throw new Error(`the send went to ${sent.result.edition}, not ${edition}`);
  return runs;
}
