import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { X25519RequestSealer } from '../../functions/adapters/crypto/request-sealer.ts';
import { DynamoErasureMarkers } from '../../functions/adapters/dynamo/erasure-markers.ts';
import { eraseUrl } from '../../functions/app/links.ts';
import { sendConfirmation } from '../../functions/app/send-confirmation.ts';
import type { Language } from '../../functions/core/language.ts';
import { readerIds } from '../../functions/core/reader-ids.ts';
import { confirmationDeps } from '../../functions/wiring/confirmations.ts';
import { createSendContext } from '../../functions/wiring/send.ts';
import { createSubscriptionContext } from '../../functions/wiring/subscription.ts';
import { t } from '../../templates/i18n.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import {
  afterSend,
  inbox,
  linkIn,
  postForm,
  postJson,
  type StoredEmail,
  tableItems,
  tableSnapshot,
  useLocalStack,
} from '../support/local.ts';

const stack = useLocalStack();
const LANGS: Language[] = ['en', 'be', 'ru'];
const EDITION = '2026-W44';
let ctx: Awaited<ReturnType<typeof createSendContext>>;
const address = (lang: Language) => `erase.me.${lang}@example.org`;
const ids = (lang: Language) => readerIds(ctx.secrets.idKey, address(lang));
/** The erase link of an e-mail, from its text part. */
const eraseLink = (mail: StoredEmail) => linkIn(mail, `${stack.current.apiUrl}/erase?token=`);
const tokenOf = (link: string) => new URL(link).searchParams.get('token') as string;
/** What a reader's browser sees: status, language, type and the whole page. */
const answer = async (res: Response) => ({
  status: res.status,
  language: res.headers.get('content-language'),
  type: res.headers.get('content-type'),
  body: await res.text(),
});
/**
 * Every stored item that names the reader (key or a set holding the id), but the suppression marker and the readers'
 * counters, whose once-only slots keep the latest transition ids (`<id>@<createdAt>@<version>`) until overwritten:
 * the subscriber id only, as the marker keeps it.
 */
async function heldAbout(lang: Language) {
  const { id, mailbox } = ids(lang);
  return (await tableItems(stack.current)).filter(
    (i) =>
      !(i.pk === `SUB#${id}` && i.sk === 'ERASED') &&
      !String(i.pk).startsWith('COUNT#') &&
      (JSON.stringify(i).includes(id) ||
        JSON.stringify(i).includes(mailbox) ||
        JSON.stringify(i).includes(address(lang))),
  );
}
const marker = async (lang: Language) =>
  (await tableItems(stack.current)).find((i) => i.pk === `SUB#${ids(lang).id}` && i.sk === 'ERASED');

/** Subscribes and confirms through the API; the confirmation and welcome e-mails. */
async function subscribeAndConfirm(lang: Language, ip: string): Promise<StoredEmail[]> {
  expect((await postJson(stack.current, '/subscribe', { email: address(lang), language: lang }, ip)).status).toBe(202);
  const confirmLink = `${stack.current.apiUrl}/confirm?token=`;
  const confirmation = (await inbox(stack.current, address(lang))).findLast((m) => m.body.text?.includes(confirmLink));
  const token = tokenOf(linkIn(confirmation as StoredEmail, confirmLink));
  expect((await postForm(stack.current, '/confirm', { token }, ip)).status).toBe(200);
  return inbox(stack.current, address(lang));
}

beforeAll(async () => {
  ctx = await createSendContext(stack.current.env);
  for (const [i, lang] of LANGS.entries())
    expect(await subscribeAndConfirm(lang, `203.0.113.${i + 1}`)).toHaveLength(2);
  expect((await cli(stack.current.env, 'import', fixtureEdition(EDITION))).code).toBe(0);
  expect((await cli(stack.current.env, 'send', '--edition', EDITION, '--yes')).code).toBe(0);
  // `send` returns once every e-mail is handed over; the edition's delayed completion check then writes the summary.
  // The tests' before/after snapshots must compare only what the erase link did.
  await afterSend(stack.current, EDITION);
});

describe.each(LANGS)("the erase link of a reader's e-mails (%s)", (lang) => {
  it('is in the confirmation, the welcome and the digest, in the html part too, and names the reader', async () => {
    const mails = await inbox(stack.current, address(lang));
    expect(mails).toHaveLength(3);
    for (const mail of mails) {
      const link = eraseLink(mail);
      expect(new URL(link).searchParams.get('lang')).toBe(lang);
      expect(mail.body.html).toContain(`>${t(lang, 'common.erase')}</a>`);
      expect(mail.body.html).toContain(`/erase?token=${tokenOf(link)}&amp;lang=${lang}`);
    }
  });

  it('shows a button on GET and changes nothing; POST erases everything but the marker', async () => {
    const [, , digest] = await inbox(stack.current, address(lang));
    const link = eraseLink(digest as StoredEmail);
    expect((await heldAbout(lang)).length).toBeGreaterThan(2);
    const before = await tableSnapshot(stack.current);
    const page = await answer(await fetch(link));
    expect(page).toMatchObject({ status: 200, language: lang });
    expect(page.body).toContain(`<form method="post" action="/erase?lang=${lang}">`);
    expect(page.body).toContain(t(lang, 'page.erase.button'));
    expect(await tableSnapshot(stack.current)).toBe(before);

    const erased = await answer(await postForm(stack.current, `/erase?lang=${lang}`, { token: tokenOf(link) }));
    expect(erased).toMatchObject({ status: 200, language: lang });
    expect(erased.body).toContain(t(lang, 'page.erased.title'));
    expect(await heldAbout(lang)).toEqual([]);
    expect(await marker(lang)).toEqual({
      pk: `SUB#${ids(lang).id}`,
      sk: 'ERASED',
      kind: 'erasure',
      erasedAt: expect.any(Number),
      ttl: expect.any(Number),
    });
    // The report's figures keep the outcome without the reader.
    const anonymous = (await tableItems(stack.current)).filter((i) => String(i.sk).startsWith('erased-'));
    expect(anonymous.length).toBeGreaterThan(0);
  });

  it('answers the same for an erased reader, again, and for an address never stored', async () => {
    const [first] = await inbox(stack.current, address(lang));
    const post = async (token: string) =>
      answer(await postForm(stack.current, `/erase?lang=${lang}`, { token }, '198.51.100.9'));
    const known = await post(tokenOf(eraseLink(first as StoredEmail)));
    const never = readerIds(ctx.secrets.idKey, `never.stored.${lang}@example.org`);
    const unknown = await post(tokenOf(eraseUrl(stack.current.apiUrl, ctx.secrets.ring, never, lang, Date.now())));
    expect(unknown).toEqual(known);
    expect(known.status).toBe(200);
  });
});

describe('the suppression marker', () => {
  it('stops a confirmation request queued before the erasure; a new subscribe-and-confirm clears it', async () => {
    const lang: Language = 'be';
    const erasedAt = (await marker(lang))?.erasedAt as number;
    const sub = await createSubscriptionContext(stack.current.env);
    const requestId = randomUUID();
    const request = {
      requestId,
      address: new X25519RequestSealer(sub.secrets.dataKeys[0]).seal(address(lang), requestId),
      language: lang,
      networkHash: 'x',
      source: 'https://site.example/',
      textVersion: 'v1',
      requestedAt: erasedAt - 1,
    };
    const mailed = (await inbox(stack.current, address(lang))).length;
    expect(await sendConfirmation(await confirmationDeps(sub), request)).toBe('none');
    expect(await inbox(stack.current, address(lang))).toHaveLength(mailed);
    expect(await heldAbout(lang)).toEqual([]);

    const again = await subscribeAndConfirm(lang, '203.0.113.77');
    expect(again).toHaveLength(mailed + 2);
    expect(await marker(lang)).toBeUndefined();
  });

  it('keeps a digest batch from mailing a reader whose erasure stopped half-way (marker written, record not)', async () => {
    const lang: Language = 'ru';
    await subscribeAndConfirm(lang, '203.0.113.88');
    await new DynamoErasureMarkers(ctx.db, ctx.config.TABLE_NAME).mark(ids(lang).id, Date.now());
    const mailed = (await inbox(stack.current, address(lang))).length;
    const control = (await inbox(stack.current, address('be'))).length;
    expect((await cli(stack.current.env, 'import', fixtureEdition('2026-W45'))).code).toBe(0);
    expect((await cli(stack.current.env, 'send', '--edition', '2026-W45', '--yes')).code).toBe(0);
    expect(await inbox(stack.current, address(lang))).toHaveLength(mailed);
    // The send went out: the reader who came back in the test before gets it.
    expect(await inbox(stack.current, address('be'))).toHaveLength(control + 1);
  });
});
