import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editionAt, formatEditionRange, nextEdition } from '../../functions/core/edition.ts';
import { createSendContext } from '../../functions/wiring/send.ts';
import { seedSamples } from '../../local/seed.ts';
import { t } from '../../templates/i18n.ts';
import { inbox, linkIn, postForm, postJson, useLocalStack } from '../support/local.ts';
import { expectAccessible, openBrowser, screenshot, type TestBrowser } from './support/browser.ts';
import { cli, importEdition, subscriberStatus, waitForMail } from './support/mail.ts';

const stack = useLocalStack();
const READER = 'chytach.be@example.org';
const CONTROL = 'control.reader@example.org';
let browser: TestBrowser;
let edition: string;

beforeAll(async () => {
  browser = await openBrowser();
  const ctx = await createSendContext(stack.current.env);
  edition = editionAt(Date.now(), ctx.config.TIMEZONE);
  await seedSamples(ctx, edition);
});
afterAll(async () => {
  await browser?.close();
});

const digestSubject = (ed: string) => `${t('be', 'brand')}: ${formatEditionRange(ed, 'be')}`;
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** A second reader, subscribed and confirmed through the API, proves that a later send really went out. */
async function confirmedControlReader(): Promise<void> {
  expect(
    (await postJson(stack.current, '/subscribe', { email: CONTROL, language: 'be' }, '198.51.100.77')).status,
  ).toBe(202);
  const mail = await waitForMail(stack.current, CONTROL, /./);
  const token = new URL(linkIn(mail, `${stack.current.apiUrl}/confirm?token=`)).searchParams.get('token') ?? '';
  expect((await postForm(stack.current, '/confirm', { token }, '198.51.100.77')).status).toBe(200);
}

describe('the reader path in Belarusian, in a real browser', () => {
  it('subscribes on the site, confirms from the e-mail, receives the digest and unsubscribes for good', async () => {
    const api = stack.current.apiUrl;
    await confirmedControlReader();
    const page = await browser.context.newPage();
    await page.setExtraHTTPHeaders({ 'x-forwarded-for': '203.0.113.50' });

    await page.goto(`${api}/?lang=be`);
    const widget = page.locator('belarus-weekly-signup');
    await widget.getByRole('textbox', { name: t('be', 'form.email.label') }).fill(READER);
    expect(await widget.getByRole('combobox').inputValue()).toBe('be');
    await widget.getByRole('button', { name: t('be', 'form.subscribe.button') }).click();
    await expect.poll(() => widget.getByRole('status').textContent()).toContain(READER);
    await expectAccessible(page, 'home page after subscribing (be)');

    const confirmMail = await waitForMail(stack.current, READER, /Пацвердзіце/);
    await page.goto(linkIn(confirmMail, `${api}/confirm?token=`));
    expect(await page.locator('h1').textContent()).toBe(t('be', 'page.confirm.title'));
    await expectAccessible(page, 'confirm page (be)');
    expect(await subscriberStatus(stack.current, READER)).toBe('pending');

    await page.getByRole('button', { name: t('be', 'page.confirm.button') }).click();
    await page.locator('h1', { hasText: t('be', 'page.confirmed.title') }).waitFor();
    await expectAccessible(page, 'confirmed page (be)');
    expect(await subscriberStatus(stack.current, READER)).toBe('confirmed');

    // The weekly send, through the home page's local-only button.
    await page.goto(`${api}/?lang=be`);
    await page.getByRole('button', { name: "Send this week's digest now" }).click();
    await page.locator('.sent').waitFor();
    expect(await page.locator('.sent').textContent()).toContain(`${edition} handed to the SES stand-in: 2 e-mail(s)`);

    const digest = await waitForMail(stack.current, READER, exactly(digestSubject(edition)));
    expect(digest.headers?.find((h) => h.name === 'List-Unsubscribe')?.value).toMatch(/\/unsubscribe\?token=/);
    // A blank page first: setContent keeps the current document's CSP, and the home page's forbids inline styles.
    await page.goto('about:blank');
    await page.setContent(digest.body.html ?? '');
    await screenshot(page, 'digest-be-received', { fullPage: true });
    const unsubscribe = await page.locator('a[href*="/unsubscribe?token="]').last().getAttribute('href');

    await page.goto(unsubscribe ?? '');
    expect(await page.locator('h1').textContent()).toBe(t('be', 'page.manage.title'));
    await expectAccessible(page, 'unsubscribe page (be)');
    await page.getByRole('button', { name: t('be', 'page.manage.unsubscribe.button') }).click();
    await page.locator('h1', { hasText: t('be', 'page.unsubscribed.title') }).waitFor();
    await expectAccessible(page, 'unsubscribed page (be)');
    expect(await subscriberStatus(stack.current, READER)).toBe('unsubscribed');

    const next = nextEdition(edition);
    await importEdition(stack.current, next);
    const sent = await cli(stack.current, ['send', '--edition', next, '--yes']);
    expect(sent.code, sent.out.join('\n')).toBe(0);
    await waitForMail(stack.current, CONTROL, exactly(digestSubject(next)));
    const toReader = (await inbox(stack.current, READER)).map((e) => e.subject);
    // The confirmation, the welcome after confirming, one digest; nothing after the unsubscribe.
    expect(toReader).toEqual([confirmMail.subject, 'Вітаем у «Беларусь за тыдзень»', digestSubject(edition)]);
    await page.close();
  });
});
