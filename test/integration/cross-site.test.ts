import { describe, expect, it } from 'vitest';
import { inbox, tableSnapshot, useLocalStack } from '../support/local.ts';

const SITE = 'https://example.org';
const stack = useLocalStack({ ALLOWED_ORIGINS: SITE });

interface Case {
  name: string;
  headers: Record<string, string>;
  form?: boolean;
}

let n = 0;
async function post(headers: Record<string, string>, form = false): Promise<{ res: Response; email: string }> {
  const email = `cross.site.${++n}@example.org`;
  const res = await fetch(`${stack.current.apiUrl}/subscribe`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'x-forwarded-for': `198.51.100.${n}`,
      'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
      ...(form ? { accept: 'text/html' } : {}),
      ...headers,
    },
    body: form ? new URLSearchParams({ email, language: 'en' }).toString() : JSON.stringify({ email, language: 'en' }),
  });
  return { res, email };
}

// A page of another site makes its visitors' browsers post: refused, nothing written, nothing sent.
const FOREIGN: Case[] = [
  { name: 'a foreign Origin', headers: { origin: 'https://evil.example' } },
  { name: 'Origin null', headers: { origin: 'null' } },
  { name: 'an allowed origin as a prefix of another host', headers: { origin: 'https://example.org.evil.example' } },
  { name: 'the allowed host on another scheme', headers: { origin: 'http://example.org' } },
  { name: 'the allowed host on another port', headers: { origin: 'https://example.org:8443' } },
  { name: 'a foreign Referer without Origin', headers: { referer: 'https://evil.example/signup.html' } },
  { name: 'a Referer that is not a URL', headers: { referer: 'not a url' } },
  {
    name: 'a foreign Origin with an allowed Referer',
    headers: { origin: 'https://evil.example', referer: `${SITE}/page` },
  },
  { name: 'a foreign form post', headers: { origin: 'https://evil.example' }, form: true },
];

describe('POST /subscribe from other sites', () => {
  it.each(FOREIGN)(
    'refuses $name with 403 forbidden_origin and writes and sends nothing',
    async ({ headers, form }) => {
      const itemsBefore = await tableSnapshot(stack.current);
      const mailsBefore = (await inbox(stack.current)).length;
      const { res } = await post(headers, form);
      expect(res.status).toBe(403);
      if (!form) expect(await res.json()).toMatchObject({ error: { code: 'forbidden_origin' } });
      expect(await tableSnapshot(stack.current)).toBe(itemsBefore);
      expect((await inbox(stack.current)).length).toBe(mailsBefore);
    },
  );

  const ACCEPTED: Case[] = [
    { name: 'neither Origin nor Referer (a server-side client)', headers: {} },
    { name: 'an Origin from allowedOrigins', headers: { origin: SITE } },
    { name: 'a Referer on an allowed origin', headers: { referer: `${SITE}/news/1?x=y` } },
    { name: 'an allowed Origin with a foreign Referer', headers: { origin: SITE, referer: 'https://evil.example/' } },
  ];
  it.each(ACCEPTED)('accepts a post with $name', async ({ headers }) => {
    const { res, email } = await post(headers);
    expect(res.status).toBe(202);
    await expect.poll(async () => (await inbox(stack.current, email)).length).toBe(1);
  });

  it("accepts the public URL's own origin (its pages' forms)", async () => {
    const { res, email } = await post({ origin: new URL(stack.current.env.PUBLIC_URL as string).origin }, true);
    expect(res.status).toBe(303);
    await expect.poll(async () => (await inbox(stack.current, email)).length).toBe(1);
  });
});
