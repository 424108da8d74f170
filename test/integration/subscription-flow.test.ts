import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, editionAt } from '../../functions/core/edition.ts';
import {
  confirmByMail,
  inbox,
  linkIn,
  postForm,
  postJson,
  readerIdOf,
  tableItems,
  tableSnapshot,
  useLocalStack,
} from '../support/local.ts';

const stack = useLocalStack();

async function subscriber(email: string) {
  const items = await tableItems(stack.current);
  const id = readerIdOf(stack.current, email);
  return items.find((i) => i.kind === 'subscriber' && i.id === id);
}

/** This week's confirmed and unsubscribed readers, as the report e-mail counts them (the WEEK# sets). */
async function weekSets() {
  const items = (await tableItems(stack.current)).filter((i) => String(i.pk).startsWith('WEEK#'));
  const size = (kind: string) => items.reduce((n, i) => n + ((i[kind] as Set<string> | undefined)?.size ?? 0), 0);
  return {
    confirmed: size('confirmed'),
    unsubscribed: size('unsubscribed'),
    weeks: new Set(items.map((i) => String(i.pk).split('#')[1])),
  };
}

describe('the subscription flow over HTTP', () => {
  it('subscribes, confirms only on POST, unsubscribes in one click, and subscribes again', async () => {
    const email = 'flow.reader@example.org';
    const res = await postJson(stack.current, '/subscribe', { email, language: 'be' });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: 'pending' });

    const [mail] = await inbox(stack.current, email);
    expect(mail?.subject).toContain('Пацвердзіце');
    const confirmUrl = linkIn(mail as never, `${stack.current.apiUrl}/confirm?token=`);
    expect(mail?.body.html).toContain(confirmUrl.replace(/&/g, '&amp;'));
    expect((await subscriber(email))?.status).toBe('pending');

    // A mail scanner following the link changes nothing.
    const page = await fetch(confirmUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('method="post"');
    expect((await subscriber(email))?.status).toBe('pending');

    const token = new URL(confirmUrl).searchParams.get('token') as string;
    const confirmed = await postForm(stack.current, '/confirm', { token });
    expect(confirmed.status).toBe(200);
    const body = await confirmed.text();
    expect(body).toContain('lang="be"');
    const stored = await subscriber(email);
    expect(stored).toMatchObject({ status: 'confirmed', sendPk: expect.stringMatching(/^be#\d+$/) });
    expect(stored?.consent).toMatchObject({
      language: 'be',
      textVersion: expect.any(String),
      networkHash: expect.any(String),
    });
    expect(JSON.stringify(stored?.consent)).not.toContain('198.51.100');

    // Confirming twice is a success.
    expect((await postForm(stack.current, '/confirm', { token })).status).toBe(200);
    // The week's confirmations count the reader once, in the week of the confirmation.
    expect(await weekSets()).toMatchObject({ confirmed: 1, unsubscribed: 0 });
    expect([...(await weekSets()).weeks]).toEqual([editionAt(stored?.confirmedAt as number, DEFAULT_TIME_ZONE)]);

    const manageUrl = body.match(/href="([^"]*\/unsubscribe\?token=[^"]+)"/)?.[1]?.replace(/&amp;/g, '&') as string;
    expect(manageUrl).toBeDefined();
    const managePage = await fetch(manageUrl);
    expect(managePage.status).toBe(200);
    expect((await subscriber(email))?.status).toBe('confirmed');

    // RFC 8058 one-click: a bare POST with List-Unsubscribe=One-Click, no cookie, no CSRF token.
    const oneClick = await fetch(manageUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    const out = await subscriber(email);
    expect(out?.status).toBe('unsubscribed');
    expect(out?.sendPk).toBeUndefined();
    expect((await fetch(manageUrl, { method: 'POST', body: 'List-Unsubscribe=One-Click' })).status).toBe(200);
    // Unsubscribed twice: counted once.
    expect(await weekSets()).toMatchObject({ confirmed: 1, unsubscribed: 1 });

    // The old confirm link was issued before the unsubscribe: it does not subscribe again.
    expect((await postForm(stack.current, '/confirm', { token })).status).toBe(400);
    expect((await subscriber(email))?.status).toBe('unsubscribed');

    // Subscribing again within the mailbox's cooldown changes nothing: no e-mail, so no silent rewrite either.
    expect((await postJson(stack.current, '/subscribe', { email, language: 'ru' }, '198.51.100.9')).status).toBe(202);
    expect((await subscriber(email))?.status).toBe('unsubscribed');
    // The inbox holds the first confirmation and the welcome after it, and no second confirmation.
    expect((await inbox(stack.current, email)).map((m) => m.subject)).toEqual([
      mail?.subject,
      'Вітаем у «Беларусь за тыдзень»',
    ]);
  });

  it('switches the language from the manage page', async () => {
    const email = 'switcher@example.org';
    await postJson(stack.current, '/subscribe', { email, language: 'en' }, '198.51.100.20');
    const { manageUrl } = await confirmByMail(stack.current, email);
    const res = await fetch(manageUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=language&language=ru',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('lang="ru"');
    expect(await subscriber(email)).toMatchObject({
      status: 'confirmed',
      language: 'ru',
      sendPk: expect.stringMatching(/^ru#/),
    });
  });

  it('answers a form post with 303 to the localized check-your-inbox page', async () => {
    const res = await postForm(
      stack.current,
      '/subscribe',
      { email: 'form.reader@example.org', language: 'ru' },
      '198.51.100.30',
    );
    expect(res.status).toBe(303);
    const location = res.headers.get('location') as string;
    expect(location).toBe(`${stack.current.apiUrl}/subscribe?language=ru`);
    const page = await fetch(location);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('lang="ru"');
  });

  it('shows a localized invalid-link page for a bad token and writes nothing', async () => {
    const before = await tableSnapshot(stack.current);
    for (const path of ['/confirm?token=t1.confirm.abc.def', '/unsubscribe?token=nonsense']) {
      const res = await fetch(`${stack.current.apiUrl}${path}`, { headers: { 'accept-language': 'ru' } });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('lang="ru"');
      expect(html).toContain('action="/subscribe"');
    }
    expect(
      await postForm(stack.current, '/unsubscribe?token=forged', { action: 'unsubscribe' }).then((r) => r.status),
    ).toBe(400);
    expect(await tableSnapshot(stack.current)).toBe(before);
  });
});
