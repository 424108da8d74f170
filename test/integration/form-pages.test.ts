import { describe, expect, it } from 'vitest';
import { confirmByMail, inbox, postForm, tableSnapshot, useLocalStack } from '../support/local.ts';

const SITE = 'https://news.example.org/signup';
const stack = useLocalStack({ SITE_URL: SITE });

// A browser's form post with bad input gets the form back, in the form's language, with what was wrong.
describe('subscribe form errors', () => {
  it('answers a Belarusian form with a bad address in Belarusian, with the form, prefilled and escaped', async () => {
    const before = await tableSnapshot(stack.current);
    const sentBefore = (await inbox(stack.current)).length;
    const res = await postForm(stack.current, '/subscribe', { email: 'a"<b>@x', language: 'be' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<html lang="be">');
    expect(html).toContain('Праверце адрас электроннай пошты');
    expect(html).toContain('action="/subscribe"');
    expect(html).toContain('value="a&quot;&lt;b&gt;@x"');
    expect(html).not.toContain('<b>');
    expect(html).toMatch(/<option value="be" lang="be" selected>/);
    expect(await tableSnapshot(stack.current)).toBe(before);
    expect((await inbox(stack.current)).length).toBe(sentBefore);
  });

  it('names an unknown language in the page language from the headers', async () => {
    const res = await postForm(stack.current, '/subscribe', { email: 'reader@example.org', language: 'xx' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Choose one of the languages offered.');
    expect(html).toContain('value="reader@example.org"');
  });
});

describe('manage pages', () => {
  it('has the #language target on the manage page and links the unsubscribed page to the site', async () => {
    await postForm(stack.current, '/subscribe', { email: 'site-link@example.org', language: 'ru' }, '198.51.100.9');
    const { manageUrl } = await confirmByMail(stack.current, 'site-link@example.org');
    const manage = await (await fetch(manageUrl)).text();
    expect(manage).toMatch(/<section id="language"/);
    const unsubscribed = await (await fetch(manageUrl, { method: 'POST', body: '' })).text();
    expect(unsubscribed).toContain('<html lang="ru">');
    expect(unsubscribed).toContain(`href="${SITE}"`);
  });
});
