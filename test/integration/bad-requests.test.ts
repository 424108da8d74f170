import { describe, expect, it } from 'vitest';
import { inbox, tableSnapshot, useLocalStack } from '../support/local.ts';

const stack = useLocalStack();

interface Case {
  name: string;
  body: string;
  type?: string;
  status: number;
  code: string;
}

const json = (value: unknown) => JSON.stringify(value);
const ok = { email: 'valid@example.org', language: 'en' };

// Every request here is refused: the right 4xx, the contract's error body, nothing written, nothing sent.
const CASES: Case[] = [
  { name: 'malformed JSON', body: '{"email":', status: 400, code: 'invalid_json' },
  { name: 'trailing garbage', body: `${json(ok)}x`, status: 400, code: 'invalid_json' },
  { name: 'empty body', body: '', status: 400, code: 'invalid_json' },
  { name: 'JSON array', body: json([ok]), status: 400, code: 'invalid_request' },
  { name: 'JSON null', body: 'null', status: 400, code: 'invalid_request' },
  { name: 'JSON number', body: '42', status: 400, code: 'invalid_request' },
  { name: 'JSON string', body: '"valid@example.org"', status: 400, code: 'invalid_request' },
  { name: 'JSON true', body: 'true', status: 400, code: 'invalid_request' },
  { name: 'missing email', body: json({ language: 'en' }), status: 400, code: 'invalid_email' },
  { name: 'missing language', body: json({ email: ok.email }), status: 400, code: 'invalid_language' },
  { name: 'email null', body: json({ ...ok, email: null }), status: 400, code: 'invalid_email' },
  { name: 'email number', body: json({ ...ok, email: 12345 }), status: 400, code: 'invalid_email' },
  { name: 'email array', body: json({ ...ok, email: [ok.email] }), status: 400, code: 'invalid_email' },
  { name: 'email object', body: json({ ...ok, email: { a: 1 } }), status: 400, code: 'invalid_email' },
  { name: 'email empty', body: json({ ...ok, email: '' }), status: 400, code: 'invalid_email' },
  { name: 'email spaces only', body: json({ ...ok, email: '   ' }), status: 400, code: 'invalid_email' },
  { name: 'email without @', body: json({ ...ok, email: 'reader.example.org' }), status: 400, code: 'invalid_email' },
  { name: 'email with two @', body: json({ ...ok, email: 'a@b@example.org' }), status: 400, code: 'invalid_email' },
  {
    name: 'email CR/LF injection',
    body: json({ ...ok, email: 'a@example.org\r\nBcc: x@example.org' }),
    status: 400,
    code: 'invalid_email',
  },
  { name: 'email LF', body: json({ ...ok, email: 'a@exam\nple.org' }), status: 400, code: 'invalid_email' },
  { name: 'email NUL', body: json({ ...ok, email: 'a\u0000@example.org' }), status: 400, code: 'invalid_email' },
  {
    name: 'email zero-width space',
    body: json({ ...ok, email: 'a\u200b@example.org' }),
    status: 400,
    code: 'invalid_email',
  },
  {
    name: 'email bidi override',
    body: json({ ...ok, email: '\u202ea@example.org' }),
    status: 400,
    code: 'invalid_email',
  },
  { name: 'email BOM', body: json({ ...ok, email: '\ufeffa@example.org' }), status: 400, code: 'invalid_email' },
  {
    name: 'email non-ASCII local part',
    body: json({ ...ok, email: 'чытач@example.org' }),
    status: 400,
    code: 'invalid_email',
  },
  {
    name: 'email of 300 characters',
    body: json({ ...ok, email: `${'a'.repeat(60)}@${'b'.repeat(235)}.org` }),
    status: 400,
    code: 'invalid_email',
  },
  {
    name: 'email with display name',
    body: json({ ...ok, email: 'Reader <a@example.org>' }),
    status: 400,
    code: 'invalid_email',
  },
  {
    name: 'email single-label domain',
    body: json({ ...ok, email: 'root@localhost' }),
    status: 400,
    code: 'invalid_email',
  },
  { name: 'language unknown', body: json({ ...ok, language: 'de' }), status: 400, code: 'invalid_language' },
  { name: 'language upper-case', body: json({ ...ok, language: 'EN' }), status: 400, code: 'invalid_language' },
  { name: 'language null', body: json({ ...ok, language: null }), status: 400, code: 'invalid_language' },
  { name: 'language array', body: json({ ...ok, language: ['en'] }), status: 400, code: 'invalid_language' },
  { name: 'language number', body: json({ ...ok, language: 1 }), status: 400, code: 'invalid_language' },
  { name: 'honeypot not a string', body: json({ ...ok, website: 5 }), status: 400, code: 'invalid_request' },
  {
    name: 'form with unknown language',
    body: 'email=valid%40example.org&language=xx',
    type: 'application/x-www-form-urlencoded',
    status: 400,
    code: 'invalid_language',
  },
  {
    name: 'form with repeated email',
    body: 'email=a%40example.org&email=b%40example.org&language=en',
    type: 'application/x-www-form-urlencoded',
    status: 400,
    code: 'invalid_email',
  },
  {
    name: 'form with bad email',
    body: 'email=nope&language=en',
    type: 'application/x-www-form-urlencoded',
    status: 400,
    code: 'invalid_email',
  },
  { name: 'text/plain', body: json(ok), type: 'text/plain', status: 415, code: 'unsupported_media_type' },
  {
    name: 'multipart',
    body: '--x\r\n',
    type: 'multipart/form-data; boundary=x',
    status: 415,
    code: 'unsupported_media_type',
  },
  { name: 'no content type', body: json(ok), type: '', status: 415, code: 'unsupported_media_type' },
  {
    name: 'XML',
    body: '<email>a@example.org</email>',
    type: 'application/xml',
    status: 415,
    code: 'unsupported_media_type',
  },
  { name: '20 KB body', body: json({ ...ok, padding: 'x'.repeat(20 * 1024) }), status: 413, code: 'payload_too_large' },
  {
    name: '9 KB form',
    body: `email=a%40example.org&language=en&x=${'y'.repeat(9 * 1024)}`,
    type: 'application/x-www-form-urlencoded',
    status: 413,
    code: 'payload_too_large',
  },
];

describe('POST /subscribe with bad input', () => {
  it('has at least 30 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES)(
    'refuses $name with $status $code and writes and sends nothing',
    async ({ body, type, status, code }) => {
      const itemsBefore = await tableSnapshot(stack.current);
      const mailsBefore = (await inbox(stack.current)).length;
      const headers: Record<string, string> = { 'x-forwarded-for': '203.0.113.7' };
      if (type !== '') headers['content-type'] = type ?? 'application/json';
      // A string body makes fetch add text/plain; bytes leave the content type truly absent.
      const payload = type === '' ? new TextEncoder().encode(body) : body;
      const res = await fetch(`${stack.current.apiUrl}/subscribe`, { method: 'POST', headers, body: payload });
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/json');
      const answer = (await res.json()) as { error: { code: string; message: string } };
      expect(answer.error.code).toBe(code);
      expect(answer.error.message).toEqual(expect.any(String));
      expect(await tableSnapshot(stack.current)).toBe(itemsBefore);
      expect((await inbox(stack.current)).length).toBe(mailsBefore);
    },
  );
});
