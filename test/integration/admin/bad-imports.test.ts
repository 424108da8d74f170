import { describe, it } from 'vitest';
import { type BadRequest, expectRefused } from '../../support/admin-requests.ts';
import { useLocalStack } from '../../support/local.ts';

const stack = useLocalStack();

const json = (value: unknown) => JSON.stringify(value);
const file = { name: 'a.md', content: '---\ntitle: x\n---\n' };
const J = 'application/json';

// Imports the editors' API refuses, each with its precise 4xx; the table and the inbox stay as they were.
const CASES: BadRequest[] = [
  {
    name: 'import: malformed JSON',
    method: 'PUT',
    path: '/admin/commentaries',
    body: '{"files":',
    type: J,
    status: 400,
    code: 'invalid_json',
  },
  {
    name: 'import: text/plain',
    method: 'PUT',
    path: '/admin/commentaries',
    body: json({ files: [file] }),
    type: 'text/plain',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'import: a form post',
    method: 'PUT',
    path: '/admin/commentaries',
    body: 'files=a',
    type: 'application/x-www-form-urlencoded',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'import: no content type',
    method: 'PUT',
    path: '/admin/commentaries',
    body: json({ files: [file] }),
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'import: no body',
    method: 'PUT',
    path: '/admin/commentaries',
    type: J,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'import: an empty object',
    method: 'PUT',
    path: '/admin/commentaries',
    body: '{}',
    type: J,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'import: a JSON array',
    method: 'PUT',
    path: '/admin/commentaries',
    body: json([file]),
    type: J,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'import: no files',
    method: 'PUT',
    path: '/admin/commentaries',
    body: json({ files: [] }),
    type: J,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'import: files not a list',
    method: 'PUT',
    path: '/admin/commentaries',
    body: json({ files: file }),
    type: J,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'import: a file without content',
    method: 'PUT',
    path: '/admin/commentaries',
    body: json({ files: [{ name: 'a.md' }] }),
    type: J,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'import: a file without name',
    method: 'PUT',
    path: '/admin/commentaries',
    body: json({ files: [{ name: '', content: 'x' }] }),
    type: J,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'import: 201 files',
    method: 'PUT',
    path: '/admin/commentaries',
    body: json({ files: Array(201).fill(file) }),
    type: J,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'import: over the admin body limit (1.5 MiB, one import chunk in base64)',
    method: 'PUT',
    path: '/admin/commentaries',
    body: json({ files: [{ name: 'a.md', content: 'x'.repeat(1_600_000) }] }),
    type: J,
    status: 413,
    code: 'payload_too_large',
  },
];

describe('bad imports to the editors API', () => {
  it.each(CASES)('$name: $status, nothing written or sent', (c) => expectRefused(stack.current, c));
});
