import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { createSendContext } from '../../functions/wiring/send.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { inbox, readerIdOf, useLocalStack } from '../support/local.ts';
import { type SeedReader, seedReaders } from '../support/seed.ts';

// Issue 21 item 6: a ciphertext copied onto another subscriber does not decrypt, through the real store and send.
const stack = useLocalStack();
let ctx: Awaited<ReturnType<typeof createSendContext>>;
const VICTIM: SeedReader = { email: 'victim@example.org', language: 'en', status: 'confirmed' };
const HOLDER: SeedReader = { email: 'holder@example.org', language: 'en', status: 'confirmed' };
const EDITION = '2026-W41';

beforeAll(async () => {
  ctx = await createSendContext(stack.current.env);
  await seedReaders(ctx, [VICTIM, HOLDER]);
  expect((await cli(stack.current.env, 'import', fixtureEdition(EDITION))).code).toBe(0);
});

describe("a sealed address copied onto another subscriber's record", () => {
  it('is not opened: the send mails the victim once and records the other delivery failed, unreadable', async () => {
    const table = ctx.config.TABLE_NAME;
    const victim = await ctx.db.send(
      new GetCommand({ TableName: table, Key: keys.subscriber(readerIdOf(stack.current, VICTIM.email)) }),
    );
    const sealed = victim.Item?.address as string;
    expect(sealed).toMatch(/^a1\./);
    // What someone with write access to the table might try: give a reader they control the victim's ciphertext.
    await ctx.db.send(
      new UpdateCommand({
        TableName: table,
        Key: keys.subscriber(readerIdOf(stack.current, HOLDER.email)),
        UpdateExpression: 'SET address = :a',
        ExpressionAttributeValues: { ':a': sealed },
      }),
    );

    expect((await cli(stack.current.env, 'send', '--edition', EDITION, '--yes')).code).toBe(0);
    const mails = await inbox(stack.current);
    expect(mails.map((m) => m.destination.to)).toEqual([[VICTIM.email]]);
    const report = JSON.parse((await cli(stack.current.env, 'status', '--edition', EDITION, '--json')).out);
    expect(report.languages.en).toMatchObject({ planned: 2, sent: 1, failed: 1 });
    const delivery = await ctx.db.send(
      new GetCommand({
        TableName: table,
        Key: keys.delivery(EDITION, readerIdOf(stack.current, HOLDER.email), ctx.config.SHARDS),
      }),
    );
    expect(JSON.stringify(delivery.Item)).toContain('address-unreadable');
    expect(JSON.stringify(delivery.Item)).not.toContain(VICTIM.email);
  });

  it("is not opened by the data role's export either", async () => {
    const exported = await cli(stack.current.env, 'subscribers', 'export', HOLDER.email).catch((e: Error) => ({
      code: 1,
      out: '',
      err: e.message,
    }));
    // Refused (today a plain 500 from the admin function: the open throws), and never the victim's address.
    expect(exported.code).not.toBe(0);
    expect(`${exported.out}${exported.err}`).not.toContain(VICTIM.email);
  });
});
