import { describe, expect, it } from 'vitest';
import { inbox, useLocalStack } from '../support/local.ts';

const stack = useLocalStack();

describe('the local runner', () => {
  it('refuses the local send button from another site, so a web page cannot make it mail readers', async () => {
    const before = (await inbox(stack.current)).length;
    const hostile: Record<string, string>[] = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }];
    for (const headers of hostile) {
      const res = await fetch(`${stack.current.apiUrl}/local/send`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: 'lang=en',
      });
      expect(res.status).toBe(403);
    }
    const own = await fetch(`${stack.current.apiUrl}/local/send`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.current.apiUrl },
      body: 'lang=en',
    });
    expect(own.status).toBe(303);
    expect((await inbox(stack.current)).length).toBe(before);
  });
});
