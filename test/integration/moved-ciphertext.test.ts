import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { createSendContext } from '../../functions/wiring/send.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { inbox, readerIdOf, useLocalStack } from '../support/local.ts';
import { type SeedReader, seedReaders } from '../support/seed.ts';
import { signedFetch } from '../support/signed.ts';

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

  it("is refused by the data role's export as address_unreadable: a 409 naming no address, one CLI line", async () => {
    const res = await signedFetch(stack.current, 'POST', '/admin/subscribers/export', {
      body: JSON.stringify({ email: HOLDER.email }),
      contentType: 'application/json',
    });
    const text = await res.text();
    expect(res.status).toBe(409);
    expect(JSON.parse(text)).toEqual({ error: { code: 'address_unreadable', message: expect.any(String) } });
    // Neither address, nor which check failed (another record's, altered, an unknown key): the code says enough.
    for (const leak of [VICTIM.email, HOLDER.email, 'authentication', 'unknown_key', 'a1.'])
      expect(text.toLowerCase()).not.toContain(leak);

    const exported = await cli(stack.current.env, 'subscribers', 'export', HOLDER.email).catch((e: Error) => e);
    expect(exported).toBeInstanceOf(Error);
    const line = (exported as Error).message;
    expect(line).toMatch(/^409: the stored address of that reader does not open\b[^\n]*$/);
    expect(line).not.toContain(VICTIM.email);
    expect(line).not.toContain(HOLDER.email);
  });
});
