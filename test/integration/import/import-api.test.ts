import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectRefused } from '../../support/admin-requests.ts';
import { cli, fixtureEdition } from '../../support/cli.ts';
import { postChunk, upload } from '../../support/imports.ts';
import { inbox, tableItems, tableSnapshot, useLocalStack } from '../../support/local.ts';
import { signedFetch } from '../../support/signed.ts';

// Few rows per request: every chunk takes several requests, as a large file's would within API Gateway's 29 s.
const stack = useLocalStack({ IMPORT_ROWS_PER_REQUEST: '1' });

const CSV = Buffer.from(
  [
    '\uFEFFemail,language,status,confirmed_at,note',
    'reader.one@example.org,en,subscribed,2021-03-01 09:20:11,"multi',
    'line, with a comma"',
    'reader.two@example.org,be,subscribed,2022-05-05 12:00:00,',
    'left.us@example.org,en,unsubscribed,,',
    'cleaned.one@example.org,ru,cleaned,,',
    'asked.once@example.org,ru,,,',
    'not-an-address,en,subscribed,2021-01-01 00:00:00,',
    'reader.three@example.org,xx,subscribed,2021-01-01 00:00:00,',
    'reader.four@example.org,ru,subscribed,2021-01-01 00:00:00,',
  ].join('\r\n'),
  'utf8',
);
const sha = createHash('sha256').update(CSV).digest('hex');
const ADDRESSES = ['reader.one@', 'reader.two@', 'left.us@', 'cleaned.one@', 'asked.once@', 'reader.four@'];

async function clearTable(): Promise<string> {
  const raw = JSON.stringify(await tableItems(stack.current));
  for (const a of ADDRESSES) expect(raw.toLowerCase()).not.toContain(a);
  return raw;
}

describe('POST /admin/subscribers/imports', () => {
  it('refuses bad uploads precisely, writing nothing', async () => {
    const ok = {
      file: { name: 'a.csv', sha256: sha, size: CSV.length },
      chunk: { index: 0, count: 1, data: CSV.toString('base64') },
    };
    const cases = [
      { name: 'no file', body: { chunk: ok.chunk }, status: 400, code: 'invalid_request' },
      { name: 'bad hash', body: { ...ok, file: { ...ok.file, sha256: 'x' } }, status: 400, code: 'invalid_request' },
      {
        name: 'wrong hash',
        body: { ...ok, file: { ...ok.file, sha256: '0'.repeat(64) } },
        status: 400,
        code: 'sha256_mismatch',
      },
      {
        name: 'index past count',
        body: { ...ok, chunk: { ...ok.chunk, index: 1 } },
        status: 400,
        code: 'invalid_request',
      },
      {
        name: 'not base64',
        body: { ...ok, chunk: { ...ok.chunk, data: '@@@' } },
        status: 400,
        code: 'invalid_request',
      },
      { name: 'unknown language', body: { ...ok, options: { language: 'xx' } }, status: 400, code: 'invalid_request' },
      { name: 'carry without dry run', body: { ...ok, carry: 'abc' }, status: 400, code: 'invalid_request' },
      {
        name: 'chunk out of order',
        body: { ...ok, chunk: { ...ok.chunk, index: 1, count: 2 } },
        status: 409,
        code: 'chunk_out_of_order',
      },
    ];
    for (const c of cases)
      await expectRefused(stack.current, {
        name: c.name,
        method: 'POST',
        path: '/admin/subscribers/imports',
        body: JSON.stringify(c.body),
        type: 'application/json',
        status: c.status,
        code: c.code,
      });
    const headerless = Buffer.from('no,known,columns\r\na,b,c\r\n');
    const file = {
      name: 'h.csv',
      sha256: createHash('sha256').update(headerless).digest('hex'),
      size: headerless.length,
    };
    const body = JSON.stringify({ file, chunk: { index: 0, count: 1, data: headerless.toString('base64') } });
    await expectRefused(stack.current, {
      name: 'unknown header',
      method: 'POST',
      path: '/admin/subscribers/imports',
      body,
      type: 'application/json',
      status: 400,
      code: 'import_format',
    });
    const get = await signedFetch(stack.current, 'GET', `/admin/subscribers/imports/${sha}`);
    expect(get.status).toBe(404);
  });

  it('answers a dry run in chunks per outcome and language, writing nothing', async () => {
    const before = await tableSnapshot(stack.current);
    const answer = await upload(stack.current, CSV, { size: 50, options: { dryRun: true } });
    expect(answer).toMatchObject({ status: 'done', dryRun: true });
    expect(answer.outcomes).toEqual({
      confirmed: { en: 1, be: 1, ru: 1 },
      suppressed: { none: 2 },
      repermission: { ru: 1 },
      problem: { none: 2 },
    });
    expect(await tableSnapshot(stack.current)).toBe(before);
  });

  it('sees in a dry run an address repeated in a later chunk, as the real run does', async () => {
    const file = Buffer.from(
      [
        'email,language,confirmed_at',
        'twice.here@example.org,en,2021-01-01 00:00:00',
        'once.here@example.org,be,2021-01-01 00:00:00',
        'twice.here@example.org,ru,2021-01-01 00:00:00',
      ].join('\n'),
    );
    // 40-byte chunks: the two rows of the same address are applied by different chunks' requests.
    const dry = await upload(stack.current, file, { size: 40, name: 'twice.csv', options: { dryRun: true } });
    const real = await upload(stack.current, file, { size: 40, name: 'twice.csv' });
    expect(real.problems).toEqual([
      { line: 4, code: 'duplicate_in_file', reason: 'same address as line 2', firstLine: 2 },
    ]);
    expect({ outcomes: dry.outcomes, problems: dry.problems }).toEqual({
      outcomes: real.outcomes,
      problems: real.problems,
    });
  });

  it('imports a file in chunks cut mid-row, sealed throughout; GET tells the outcome; the confirmed get the digest', async () => {
    let index = 0;
    let requests = 0;
    for (;;) {
      const { status, body } = await postChunk(stack.current, CSV, index, { size: 50 });
      requests++;
      expect([200, 202]).toContain(status);
      // During the import: no address in clear anywhere, the carried partial row included.
      await clearTable();
      if (body.status === 'done') break;
      index = body.next?.chunk as number;
    }
    expect(requests).toBeGreaterThan(Math.ceil(CSV.length / 50));
    const res = await signedFetch(stack.current, 'GET', `/admin/subscribers/imports/${sha}`);
    expect(res.status).toBe(200);
    const shown = (await res.json()) as { problems: unknown[] };
    expect(shown).toMatchObject({
      id: sha,
      status: 'done',
      format: 'generic',
      lastLine: 10,
      outcomes: {
        confirmed: { en: 1, be: 1, ru: 1 },
        suppressed: { none: 2 },
        repermission: { ru: 1 },
        problem: { none: 2 },
      },
      problemCount: 2,
    });
    // Each problem as a stable code (the desk translates it) beside the English reason, as before.
    expect(shown.problems).toEqual([
      { line: 8, code: 'invalid_address', reason: 'invalid e-mail address: email is not an address' },
      { line: 9, code: 'unknown_language', reason: 'unknown language "xx"', value: 'xx' },
    ]);
    expect(JSON.stringify(shown)).not.toMatch(/@example/);
    // A rerun of the whole file, chunk by chunk, changes no byte of the table.
    const after = await tableSnapshot(stack.current);
    for (let i = 0; i < Math.ceil(CSV.length / 50); i++)
      expect((await postChunk(stack.current, CSV, i, { size: 50 })).status).toBe(200);
    expect(await upload(stack.current, CSV, { size: 50 })).toMatchObject({ status: 'done' });
    expect(await tableSnapshot(stack.current)).toBe(after);
    await clearTable();
    // The next digest goes to the confirmed readers, never to the suppressed ones nor to those not asked yet.
    const earlier = new Set((await inbox(stack.current)).map((m) => m.messageId));
    expect((await cli(stack.current.env, 'import', fixtureEdition('2026-W44'))).code).toBe(0);
    expect((await cli(stack.current.env, 'send', '--edition', '2026-W44', '--yes')).code).toBe(0);
    const digests = (await inbox(stack.current)).filter((m) => !earlier.has(m.messageId));
    const to = digests.flatMap((m) => m.destination.to.map((t) => t.toLowerCase()));
    for (const a of ['reader.one@example.org', 'reader.two@example.org', 'reader.four@example.org'])
      expect(to).toContain(a);
    for (const a of ['left.us@example.org', 'cleaned.one@example.org', 'asked.once@example.org'])
      expect(to).not.toContain(a);
  });

  it('never confirms a suppressed address through another file', async () => {
    const other = Buffer.from('email,language,confirmed_at\nleft.us@example.org,en,2024-01-01 00:00:00\n');
    const answer = await upload(stack.current, other, { name: 'other.csv' });
    expect(answer.outcomes).toEqual({ suppressed: { none: 1 } });
  });
});
