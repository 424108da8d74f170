import { beforeAll, describe, expect, it } from 'vitest';
import { type BadRequest, expectRefused } from '../../support/admin-requests.ts';
import { cli, fixtureEdition } from '../../support/cli.ts';
import { useLocalStack } from '../../support/local.ts';

const stack = useLocalStack();

const json = (value: unknown) => JSON.stringify(value);
const many = (n: number) => Array.from({ length: n }, (_, i) => `reader${i}@example.org`);
const J = 'application/json';

// Ready in beforeAll: W35 has English commentaries only, W36 has been sent, W37 is held; W39 has nothing.
const CASES: BadRequest[] = [
  {
    name: 'report: malformed edition',
    method: 'GET',
    path: '/admin/editions/2026-35',
    status: 400,
    code: 'invalid_edition',
  },
  { name: 'report: week 54', method: 'GET', path: '/admin/editions/2026-W54', status: 400, code: 'invalid_edition' },
  {
    name: 'report: unknown edition',
    method: 'GET',
    path: '/admin/editions/2026-W39',
    status: 404,
    code: 'unknown_edition',
  },
  {
    name: 'preview: unknown language',
    method: 'GET',
    path: '/admin/editions/2026-W35/preview/de',
    status: 404,
    code: 'unknown_language',
  },
  {
    name: 'preview: a language without digest',
    method: 'GET',
    path: '/admin/editions/2026-W35/preview/ru',
    status: 404,
    code: 'unknown_language',
  },
  {
    name: 'preview: unknown edition',
    method: 'GET',
    path: '/admin/editions/2026-W39/preview/en',
    status: 404,
    code: 'unknown_edition',
  },
  {
    name: 'preview: unacceptable type',
    method: 'GET',
    path: '/admin/editions/2026-W35/preview/en',
    accept: 'image/png',
    status: 406,
    code: 'not_acceptable',
  },
  {
    name: 'test: no body',
    method: 'POST',
    path: '/admin/editions/2026-W35/test',
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'test: nobody to mail',
    method: 'POST',
    path: '/admin/editions/2026-W35/test',
    body: json({ to: [] }),
    type: J,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'test: to is a string',
    method: 'POST',
    path: '/admin/editions/2026-W35/test',
    body: json({ to: 'a@example.org' }),
    type: J,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'test: an invalid address among valid ones',
    method: 'POST',
    path: '/admin/editions/2026-W35/test',
    body: json({ to: ['a@example.org', 'not-an-address'] }),
    type: J,
    status: 400,
    code: 'invalid_email',
  },
  {
    name: 'test: a header injection',
    method: 'POST',
    path: '/admin/editions/2026-W35/test',
    body: json({ to: ['a@example.org\r\nBcc: b@example.org'] }),
    type: J,
    status: 400,
    code: 'invalid_email',
  },
  {
    name: 'test: eleven addresses',
    method: 'POST',
    path: '/admin/editions/2026-W35/test',
    body: json({ to: many(11) }),
    type: J,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'test: unknown language',
    method: 'POST',
    path: '/admin/editions/2026-W35/test',
    body: json({ to: ['a@example.org'], language: 'de' }),
    type: J,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'test: a language without digest',
    method: 'POST',
    path: '/admin/editions/2026-W35/test',
    body: json({ to: ['a@example.org'], language: 'be' }),
    type: J,
    status: 404,
    code: 'unknown_language',
  },
  {
    name: 'test: unknown edition',
    method: 'POST',
    path: '/admin/editions/2026-W39/test',
    body: json({ to: ['a@example.org'] }),
    type: J,
    status: 404,
    code: 'unknown_edition',
  },
  {
    name: 'send: a held edition',
    method: 'POST',
    path: '/admin/editions/2026-W37/send',
    status: 409,
    code: 'edition_held',
  },
  {
    name: 'send: unknown edition',
    method: 'POST',
    path: '/admin/editions/2026-W39/send',
    status: 404,
    code: 'unknown_edition',
  },
  {
    name: 'send: dryRun not a boolean',
    method: 'POST',
    path: '/admin/editions/2026-W35/send',
    body: json({ dryRun: 'yes' }),
    type: J,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'send: a text body',
    method: 'POST',
    path: '/admin/editions/2026-W35/send',
    body: 'now',
    type: 'text/plain',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'hold: an edition already sent',
    method: 'PUT',
    path: '/admin/editions/2026-W36/hold',
    status: 409,
    code: 'already_started',
  },
  {
    name: 'hold: malformed edition',
    method: 'PUT',
    path: '/admin/editions/W36/hold',
    status: 400,
    code: 'invalid_edition',
  },
  {
    name: 'export: no email',
    method: 'POST',
    path: '/admin/subscribers/export',
    body: '{}',
    type: J,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'export: invalid email',
    method: 'POST',
    path: '/admin/subscribers/export',
    body: json({ email: 'nobody' }),
    type: J,
    status: 400,
    code: 'invalid_email',
  },
  {
    name: 'export: unknown reader',
    method: 'POST',
    path: '/admin/subscribers/export',
    body: json({ email: 'unknown@example.org' }),
    type: J,
    status: 404,
    code: 'unknown_subscriber',
  },
  {
    name: 'erase: email a number',
    method: 'POST',
    path: '/admin/subscribers/erase',
    body: json({ email: 5 }),
    type: J,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'erase: a form post',
    method: 'POST',
    path: '/admin/subscribers/erase',
    body: 'email=a%40example.org',
    type: 'application/x-www-form-urlencoded',
    status: 415,
    code: 'unsupported_media_type',
  },
  { name: 'no such admin route', method: 'GET', path: '/admin/editions/2026-W35/hold', status: 404 },
  { name: 'no such method', method: 'DELETE', path: '/admin/stats', status: 404 },
];

beforeAll(async () => {
  expect((await cli(stack.current.env, 'import', fixtureEdition('2026-W35', ['en']))).code).toBe(0);
  expect((await cli(stack.current.env, 'import', fixtureEdition('2026-W36', ['en']))).code).toBe(0);
  expect((await cli(stack.current.env, 'import', fixtureEdition('2026-W37', ['en']))).code).toBe(0);
  expect((await cli(stack.current.env, 'send', '--edition', '2026-W36', '--yes')).code).toBe(0);
  expect((await cli(stack.current.env, 'hold', '--edition', '2026-W37')).code).toBe(0);
});

describe('bad requests to the editors API', () => {
  it(`has at least 25 cases besides the bad imports (${CASES.length})`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(CASES)('$name: $status, nothing written or sent', (c) => expectRefused(stack.current, c));
});
