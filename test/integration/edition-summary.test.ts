import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { subscriberIdFor } from '../../functions/core/identity.ts';
import { createSendContext } from '../../functions/wiring/send.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { tableItems, useLocalStack } from '../support/local.ts';
import { readers, seedReaders } from '../support/seed.ts';
import { eventually } from '../support/wait.ts';

// No EDITOR_EMAILS: the completion is recorded all the same.
const stack = useLocalStack();
const EDITION = '2026-W45';
// 7 readers: en, be, ru, en, be, ru, en.
const READERS = readers('sum', 7, 'confirmed');
let ctx: Awaited<ReturnType<typeof createSendContext>>;
let handler: (event: unknown, context: Context) => Promise<unknown>;

const idOf = (email: string) => subscriberIdFor(ctx.secrets.idKey, email);
const bounce = (email: string) => {
  const file = join(import.meta.dirname, '..', 'fixtures', 'events', 'ses', 'eventbridge-bounce-permanent.json');
  const text = readFileSync(file, 'utf8');
  return JSON.parse(
    text
      .replaceAll('{{RECIPIENT}}', email)
      .replaceAll('{{EDITION}}', EDITION)
      .replaceAll('{{SUBSCRIBER}}', idOf(email)),
  );
};
/** A language's report row of a complete edition where every planned e-mail was sent. */
const completeRow = (sent: number, bounced: number) => ({
  planned: sent,
  sent,
  failed: 0,
  skipped: 0,
  bounced,
  complained: 0,
  pending: 0,
  unhandled: 0,
  uncertain: 0,
});
async function report() {
  const out = JSON.parse((await cli(stack.current.env, 'status', '--edition', EDITION, '--json')).out);
  return out.languages as Record<string, Record<string, number>>;
}
/** Every stored item holding `id` anywhere: as a key or as a member of a string set. */
async function holding(id: string) {
  return (await tableItems(stack.current)).filter((item) =>
    Object.values(item).some((v) => v === id || String(v).includes(id) || (v instanceof Set && v.has(id))),
  );
}

beforeAll(async () => {
  ctx = await createSendContext(stack.current.env);
  await seedReaders(ctx, READERS);
  ({ handler } = (await import('../../functions/handlers/ses-events.ts')) as never);
  expect((await cli(stack.current.env, 'import', fixtureEdition(EDITION))).code).toBe(0);
  expect((await cli(stack.current.env, 'send', '--edition', EDITION, '--yes')).code).toBe(0);
});

describe("a completed edition's report", () => {
  it('is summarised once complete, with exact counts, also when no editor is configured', async () => {
    // `send` returns once the report shows every e-mail handed over; the local dispatch's completion check follows.
    const summary = await eventually(async () => {
      const found = (await tableItems(stack.current)).find((i) => i.pk === `SEND#${EDITION}` && i.sk === 'SUMMARY');
      if (!found) throw new Error('no summary yet');
      return found;
    });
    expect(summary.languages).toEqual({
      en: { planned: 3, sent: 3, failed: 0, skipped: 0 },
      be: { planned: 2, sent: 2, failed: 0, skipped: 0 },
      ru: { planned: 2, sent: 2, failed: 0, skipped: 0 },
    });
  });

  it('counts a bounce event delivered twice (a queue retry) once', async () => {
    await handler(bounce('sum0@example.org'), {} as Context);
    await handler(bounce('sum0@example.org'), {} as Context);
    expect((await report()).en).toEqual(completeRow(3, 1));
  });

  it("loses the erased reader's bounce from the sets and keeps the edition's totals", async () => {
    // The reader's record, delivery record and the bounce set of their shard.
    const kinds = (await holding(idOf('sum0@example.org'))).map((i) => String(i.pk).split('#')[0]);
    expect(kinds.sort()).toEqual(['DLV', 'FEEDBACK', 'SUB']);
    expect((await cli(stack.current.env, 'subscribers', 'erase', 'sum0@example.org')).out).toBe('erased');
    // Only the suppression marker stays (issue 21 item 5): the keyed hash and the time, so nothing queued is mailed.
    expect(await holding(idOf('sum0@example.org'))).toEqual([
      expect.objectContaining({ sk: 'ERASED', kind: 'erasure', erasedAt: expect.any(Number) }),
    ]);
    expect(Object.keys((await holding(idOf('sum0@example.org')))[0] ?? {}).sort()).toEqual([
      'erasedAt',
      'kind',
      'pk',
      'sk',
      'ttl',
    ]);
    expect((await report()).en).toMatchObject({ planned: 3, sent: 3, bounced: 0, pending: 0, unhandled: 0 });
  });

  it('is read without the delivery records: the summary and the sets stand when the records are gone', async () => {
    await handler(bounce('sum1@example.org'), {} as Context);
    const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    const records = (await tableItems(stack.current)).filter((i) => String(i.pk).startsWith(`DLV#${EDITION}#`));
    // Six readers' records and the erased reader's outcome under no reader.
    expect(records).toHaveLength(7);
    expect(records.filter((r) => String(r.sk).startsWith('erased-'))).toEqual([
      expect.objectContaining({ status: 'sent', language: 'en', reason: 'erased' }),
    ]);
    for (const r of records)
      await db.send(new DeleteCommand({ TableName: stack.current.env.TABLE_NAME, Key: { pk: r.pk, sk: r.sk } }));
    const after = await report();
    expect(after.be).toEqual(completeRow(2, 1));
    expect(after.ru).toMatchObject({ sent: 2, bounced: 0, unhandled: 0 });
  });
});
