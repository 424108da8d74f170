import { describe, expect, it } from 'vitest';
import { useLocalStack } from '../support/local.ts';

const stack = useLocalStack();

describe('HEAD on public pages', () => {
  it.each([
    '/subscribe',
    '/confirm?token=not-a-token',
    '/unsubscribe?token=not-a-token',
    '/archive/en',
    '/archive/en/2026-W01',
    '/widget.js',
    '/robots.txt',
  ])('answers %s like GET, without a body', async (path) => {
    const url = `${stack.current.apiUrl}${path}`;
    const headers = { accept: 'text/html' };
    const get = await fetch(url, { headers });
    await get.arrayBuffer();
    const head = await fetch(url, { method: 'HEAD', headers });
    expect([head.status, head.headers.get('content-type')]).toEqual([get.status, get.headers.get('content-type')]);
    expect(await head.text()).toBe('');
  });
});
