import { beforeAll, describe, expect, it } from 'vitest';
import { tableSnapshot, useLocalStack } from '../../support/local.ts';
import { type SignOptions, signedFetch } from '../../support/signed.ts';

const stack = useLocalStack();

const commentary = (title: string) =>
  JSON.stringify({
    files: [
      {
        name: 'en-one.md',
        content: `---\ntitle: ${title}\nlanguage: en\ndate: 2026-08-03\ntopic: Economy\nurl: https://example.org/c/1\n---\nBody.\n`,
      },
    ],
  });
const put = (o: SignOptions = {}) =>
  signedFetch(stack.current, 'PUT', '/admin/commentaries', {
    contentType: 'application/json',
    body: commentary('Signed'),
    ...o,
  });

// Each is refused as API Gateway's IAM authorization refuses it: 403 before the function runs, nothing written.
const REFUSED: [string, () => Promise<Response>][] = [
  [
    'an unsigned request',
    () =>
      fetch(`${stack.current.apiUrl}/admin/commentaries`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: commentary('Unsigned'),
      }),
  ],
  ['a wrong secret', () => put({ secretAccessKey: 'not-the-runners-secret' })],
  ['another access key', () => put({ accessKeyId: 'AKIASOMEONEELSE' })],
  ['a date 6 minutes old', () => put({ signingDate: new Date(Date.now() - 6 * 60_000) })],
  ['a date 6 minutes ahead', () => put({ signingDate: new Date(Date.now() + 6 * 60_000) })],
  ['a tampered body (hash signed)', () => put({ sendBody: commentary('Tampered') })],
  ['a tampered body (hash not sent)', () => put({ applyChecksum: false, sendBody: commentary('Tampered') })],
  ['a signed header that is missing', () => put({ signed: { 'x-editor': 'me' }, drop: ['x-editor'] })],
  ['host not among the signed headers', () => put({ unsignedHost: true })],
  ['x-amz-date not sent', () => put({ drop: ['x-amz-date'] })],
];

let before: string;
beforeAll(async () => {
  before = await tableSnapshot(stack.current);
});

describe('SigV4 on the local editors API', () => {
  it.each(REFUSED)('refuses %s with 403 and changes nothing', async (_name, request) => {
    const res = await request();
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toMatch(/^Forbidden/);
    expect(await tableSnapshot(stack.current)).toBe(before);
  });

  it('accepts a valid signature and imports', async () => {
    const res = await put();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ results: [{ name: 'en-one.md', status: 'created', problems: [] }] });
    expect(await tableSnapshot(stack.current)).not.toBe(before);
  });

  it('accepts a valid signature without the body hash header, and a GET with a query string', async () => {
    expect((await put({ applyChecksum: false, body: commentary('Again') })).status).toBe(200);
    const res = await signedFetch(stack.current, 'GET', '/admin/stats?detail=1&a=b');
    expect(res.status).toBe(200);
  });

  it('leaves the public routes unsigned', async () => {
    const res = await fetch(`${stack.current.apiUrl}/widget.js`);
    expect(res.status).toBe(200);
  });
});
