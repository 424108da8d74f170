import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSendContext } from '../../../functions/wiring/send.ts';
import { runCli } from '../../../local/cli.ts';
import { fixtureEdition } from '../../support/cli.ts';
import { afterSend, inbox, type StoredEmail, tableSnapshot, useLocalStack } from '../../support/local.ts';
import { readers, seedReaders } from '../../support/seed.ts';

const stack = useLocalStack();
const EDITION = '2026-W30';
const READERS = readers('cli', 6, 'confirmed');

/** Runs the CLI exactly as `npm run newsletter -- ...` does, with the given environment (credentials). */
async function newsletter(argv: string[], env: Record<string, string | undefined> = stack.current.env) {
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await runCli(argv, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  } catch (error) {
    return { code: 1, out: out.join('\n'), err: (error as Error).message };
  }
}
const api = () => ['--api', stack.current.apiUrl];
const header = (mail: StoredEmail | undefined, name: string) => mail?.headers?.find((h) => h.name === name)?.value;

beforeAll(async () => {
  await seedReaders(await createSendContext(stack.current.env), READERS);
});

describe('the newsletter CLI through the editors API', () => {
  it('imports, previews in HTML and text, and reports an unchanged re-import', async () => {
    const dir = fixtureEdition(EDITION);
    const imported = await newsletter([...api(), 'import', dir]);
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('9 created, 0 updated, 0 invalid, 0 unchanged');
    expect((await newsletter([...api(), 'import', dir])).out).toContain('0 created, 0 updated, 0 invalid, 9 unchanged');
    const out = mkdtempSync(join(tmpdir(), 'preview-'));
    const preview = await newsletter([...api(), 'preview', '--edition', EDITION, '--language', 'be', '--out', out]);
    expect(preview.code).toBe(0);
    expect(readFileSync(join(out, 'be.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    expect(readFileSync(join(out, 'be.txt'), 'utf8')).toMatch(/^Subject: .+\n\n/);
  });

  it('mails a test copy with the real send headers to each --to address and leaves the edition unsent', async () => {
    const sent = await newsletter([
      ...api(),
      'send',
      '--edition',
      EDITION,
      '--to',
      'one@example.org',
      '--to',
      'two@example.org',
    ]);
    expect(sent.code).toBe(0);
    expect(sent.out).toContain('2 test copies');
    for (const to of ['one@example.org', 'two@example.org']) {
      const [copy, ...more] = await inbox(stack.current, to);
      expect(more).toHaveLength(0);
      expect(copy?.subject).toMatch(/^\[TEST\] /);
      // The real send's header builder: the address's own mailto, then the one-click URL; the list of its language.
      expect(header(copy, 'List-Unsubscribe')).toMatch(
        /^<mailto:u-[0-9a-f]{32}-[0-9a-f]{20}@inbound\.newsletter\.example\?subject=unsubscribe>, <http:\/\/127\.0\.0\.1:\d+\/unsubscribe\?token=t1\.manage\./,
      );
      expect(header(copy, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      expect(header(copy, 'List-Id')).toMatch(/^<(en|be|ru)\.weekly\.newsletter\.example>$/);
      expect(header(copy, 'Precedence')).toBe('bulk');
    }
    expect(JSON.parse((await newsletter([...api(), 'status', '--edition', EDITION, '--json'])).out)).toMatchObject({
      status: 'not-started',
      held: false,
    });
  });

  it('says "1 test copy" for one --to address', async () => {
    const sent = await newsletter([...api(), 'send', '--edition', EDITION, '--to', 'single@example.org']);
    expect(sent.out).toMatch(new RegExp(`^1 test copy of ${EDITION} `));
  });

  it('holds: send is refused with 409 and a non-zero exit, nothing is sent; release lets it go', async () => {
    expect((await newsletter([...api(), 'hold', '--edition', EDITION])).code).toBe(0);
    expect(JSON.parse((await newsletter([...api(), 'status', '--edition', EDITION, '--json'])).out).held).toBe(true);
    const before = await tableSnapshot(stack.current);
    const mails = (await inbox(stack.current)).length;
    const refused = await newsletter([...api(), 'send', '--edition', EDITION, '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^409: 2026-W30 is held/);
    // The schedule's path (the dispatch function itself) does not start a held edition either.
    expect((await stack.current.dispatch({ edition: EDITION })).result).toEqual({ status: 'held', edition: EDITION });
    expect(await tableSnapshot(stack.current)).toBe(before);
    expect((await inbox(stack.current)).length).toBe(mails);
    const released = await newsletter([...api(), 'release', '--edition', EDITION]);
    expect(released.out).toBe(`${EDITION}: released`);
  });

  it('sends, returning once every e-mail is handed over, and shows status and stats', async () => {
    const sent = await newsletter([...api(), 'send', '--edition', EDITION, '--yes']);
    expect(sent.code).toBe(0);
    expect(sent.out).toContain(`${EDITION} goes to en 2 readers, be 2 readers, ru 2 readers`);
    expect(sent.out).toContain(
      `${EDITION}: started; sent ${READERS.length}, skipped 0, failed 0, uncertain 0, pending 0`,
    );
    const readerMails = (await inbox(stack.current)).filter((m) => m.destination.to[0]?.startsWith('cli'));
    expect(readerMails).toHaveLength(READERS.length);
    const report = JSON.parse((await newsletter([...api(), 'status', '--edition', EDITION, '--json'])).out);
    expect(report).toMatchObject({ edition: EDITION, status: 'dispatched', held: false });
    expect(report.languages.en).toMatchObject({ planned: 2, sent: 2, pending: 0 });
    // The edition's delayed completion check writes the summary after `send` returns: the next test's before/after
    // snapshot must compare only what its own commands did.
    await afterSend(stack.current, EDITION);
    const human = await newsletter([...api(), 'status', '--edition', EDITION]);
    expect(human.out).toContain(`${EDITION}: dispatched`);
    expect(human.out).toMatch(/ {2}be: planned 2, sent 2, failed 0/);
    const stats = JSON.parse((await newsletter([...api(), 'stats', '--json'])).out);
    expect(stats).toEqual({
      total: 6,
      languages: { en: { confirmed: 2 }, be: { confirmed: 2 }, ru: { confirmed: 2 } },
      weeks: expect.any(Array),
    });
    expect((await newsletter([...api(), 'stats'])).out).toContain('  ru: confirmed 2');
  });

  it('exports a reader and erases them', async () => {
    const exported = await newsletter([...api(), 'subscribers', 'export', 'CLI1@example.org']);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.out)).toMatchObject({ email: 'cli1@example.org', status: 'confirmed', language: 'be' });
    expect((await newsletter([...api(), 'subscribers', 'erase', 'cli1@example.org'])).out).toBe('erased');
    const again = await newsletter([...api(), 'subscribers', 'export', 'cli1@example.org']);
    expect(again.code).toBe(1);
    expect(again.err).toBe('404: no data is held for that address');
  });

  it('finds the API through an --outputs file naming ApiUrl', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'outputs-')), 'outputs.json');
    writeFileSync(file, JSON.stringify({ Newsletter: { TableName: 't', ApiUrl: stack.current.apiUrl } }));
    const status = await newsletter(['--outputs', file, 'status', '--edition', EDITION, '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out).status).toBe('dispatched');
  });

  it('uses the default local stack on PORT with the runner credentials', async () => {
    // A newcomer's shell: no AWS credentials, so the runner checks `local` / `local` and the CLI signs with them
    // (the stack of useLocalStack starts so whatever the developer running the tests has set).
    const port = new URL(stack.current.apiUrl).port;
    const { AWS_ACCESS_KEY_ID: _a, AWS_SECRET_ACCESS_KEY: _s, ...rest } = stack.current.env;
    const status = await newsletter(['status', '--edition', EDITION, '--json'], { ...rest, PORT: port });
    expect(status).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(status.out).edition).toBe(EDITION);
  });

  it('fails with one line naming EditorsPolicyArn without the runner credentials, changing nothing', async () => {
    const before = await tableSnapshot(stack.current);
    const env = { ...stack.current.env, AWS_SECRET_ACCESS_KEY: 'not-the-runners' };
    for (const argv of [['hold', '--edition', '2026-W31'], ['stats'], ['import', fixtureEdition('2026-W31')]]) {
      const result = await newsletter([...api(), ...argv], env);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/^403 Forbidden from http:\/\/127\.0\.0\.1:\d+: .*EditorsPolicyArn/);
      expect(result.err.split('\n')).toHaveLength(1);
    }
    expect(await tableSnapshot(stack.current)).toBe(before);
  });

  it('names the URL when the connection is refused', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    await new Promise<void>((r) => server.close(() => r()));
    const result = await newsletter(['--api', `http://127.0.0.1:${port}`, 'stats']);
    expect(result.code).toBe(1);
    expect(result.err).toBe(`cannot reach http://127.0.0.1:${port} (connection refused); is \`npm start\` running?`);
  });
});
