import { beforeAll, describe, expect, it } from 'vitest';
import { SesMailer } from '../../functions/adapters/ses/mailer.ts';
import { deliverBatch } from '../../functions/app/deliver.ts';
import { createAddressCipher } from '../../functions/wiring/address-cipher.ts';
import { createSendContext, deliverDeps } from '../../functions/wiring/send.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { inbox, linkIn, postForm, postJson, tableItems, useLocalStack } from '../support/local.ts';
import { seedReaders } from '../support/seed.ts';

const stack = useLocalStack();
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
let ctx: Awaited<ReturnType<typeof createSendContext>>;
let id: string;
// What is keyed by the reader, but the erasure's own suppression marker (the id and a time, nothing else).
const keyedBy = async (subscriberId: string) =>
  (await tableItems(stack.current)).filter(
    (i) => i.sk === subscriberId || (i.pk === `SUB#${subscriberId}` && i.sk !== 'ERASED'),
  );

beforeAll(async () => {
  ctx = await createSendContext(stack.current.env);
  const [reader] = await seedReaders(ctx, [{ email: 'records@example.org', language: 'be', status: 'confirmed' }]);
  id = reader?.id as string;
  for (const edition of ['2026-W44', '2026-W45']) {
    expect((await cli(stack.current.env, 'import', fixtureEdition(edition))).code).toBe(0);
    expect((await cli(stack.current.env, 'send', '--edition', edition, '--yes')).code).toBe(0);
  }
  expect(await inbox(stack.current, 'records@example.org')).toHaveLength(2);
});

describe("a reader's data", () => {
  it('is exported with the per-edition delivery records', async () => {
    const exported = JSON.parse((await cli(stack.current.env, 'subscribers', 'export', 'records@example.org')).out);
    expect(exported).toMatchObject({ id, email: 'records@example.org', status: 'confirmed', language: 'be' });
    expect(exported.deliveries).toEqual([
      expect.objectContaining({ edition: '2026-W44', status: 'sent', language: 'be', attempts: 1 }),
      expect.objectContaining({ edition: '2026-W45', status: 'sent', language: 'be', attempts: 1 }),
    ]);
    expect(exported.deliveries[0].details).toMatchObject({ messageId: expect.any(String), sentIn: 'be' });
  });

  it('is erased with everything keyed by the reader, and a batch still on its way writes nothing for them', async () => {
    expect((await keyedBy(id)).length).toBe(3);
    expect((await cli(stack.current.env, 'subscribers', 'erase', 'records@example.org')).out).toBe('erased');
    expect(await keyedBy(id)).toEqual([]);
    // A batch of the next edition that was queued before the erasure arrives afterwards.
    expect((await cli(stack.current.env, 'import', fixtureEdition('2026-W46'))).code).toBe(0);
    expect((await cli(stack.current.env, 'send', '--edition', '2026-W46', '--yes')).code).toBe(0);
    const mailer = SesMailer.create(ctx.config.SENDER_EMAIL);
    const outcome = await deliverBatch(deliverDeps(ctx, mailer, await createAddressCipher(ctx.secrets, ctx.config)), {
      edition: '2026-W46',
      language: 'be',
      ids: [id],
    });
    expect(outcome).toMatchObject({ sent: 0, skipped: 1 });
    expect(await keyedBy(id)).toEqual([]);
    expect(await inbox(stack.current, 'records@example.org')).toHaveLength(2);
  });
});

describe('a reader who subscribed through the form', () => {
  const address = 'Form.Reader+weekly@example.org';
  const own = async (prefix: string) =>
    (await tableItems(stack.current)).filter((i) => String(i.pk).startsWith(prefix));

  it('has the welcome and the mailbox log exported, and erased with the rest', async () => {
    expect(
      (await postJson(stack.current, '/subscribe', { email: address, language: 'ru' }, '203.0.113.9')).status,
    ).toBe(202);
    await stack.current.drain();
    const [confirm] = await inbox(stack.current, 'form.reader+weekly@example.org');
    const link = new URL(linkIn(confirm as NonNullable<typeof confirm>, `${stack.current.apiUrl}/confirm?token=`));
    expect(
      (await postForm(stack.current, '/confirm', { token: link.searchParams.get('token') as string })).status,
    ).toBe(200);
    expect(await inbox(stack.current, 'form.reader+weekly@example.org')).toHaveLength(2);
    expect(await own('WELCOME#')).toHaveLength(1);
    expect(await own('MAILBOX#')).toHaveLength(1);

    const exported = JSON.parse((await cli(stack.current.env, 'subscribers', 'export', address)).out);
    expect(exported.welcomes).toEqual([
      expect.objectContaining({ confirmedAt: exported.confirmedAt, status: 'sent', messageId: expect.any(String) }),
    ]);
    expect(exported.mailboxLog).toEqual([expect.objectContaining({ at: expect.stringMatching(ISO) })]);
    // Every time a person reads in the export is ISO 8601, at any depth.
    expect(exported.confirmedAt).toMatch(ISO);
    expect(exported.consent.requestedAt).toMatch(ISO);
    expect(exported.welcomes[0].claimedAt).toMatch(ISO);
    expect(JSON.stringify(exported)).not.toMatch(/At":\d/);

    expect((await cli(stack.current.env, 'subscribers', 'erase', address)).out).toBe('erased');
    expect(await own('WELCOME#')).toEqual([]);
    expect(await own('MAILBOX#')).toEqual([]);
    // Only the suppression marker is left: the subscriber id (a keyed hash) and the time, nothing else.
    const markers = await own('SUB#');
    expect(markers).toHaveLength(2);
    for (const m of markers) expect(Object.keys(m).sort()).toEqual(['erasedAt', 'kind', 'pk', 'sk', 'ttl']);
  });
});
