import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSendContext } from '../../functions/wiring/send.ts';
import { cli } from '../support/cli.ts';
import { readerIdOf, tableItems, useLocalStack } from '../support/local.ts';

const stack = useLocalStack();
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'commentaries');
let ctx: Awaited<ReturnType<typeof createSendContext>>;

const commentaryItems = async () => (await tableItems(stack.current)).filter((i) => i.kind === 'commentary');

beforeAll(async () => {
  ctx = await createSendContext(stack.current.env);
});

describe('newsletter import', () => {
  it('imports a folder of valid files in three languages', async () => {
    const result = await cli(stack.current.env, 'import', join(FIXTURES, '2026-W48'));
    expect(result.code).toBe(0);
    expect(result.out).toContain('9 created, 0 updated, 0 invalid');
    const items = await ctx.commentaries.listByEdition('2026-W48');
    expect(items.map((c) => c.language).sort()).toEqual(['be', 'be', 'be', 'en', 'en', 'en', 'ru', 'ru', 'ru']);
  });

  it('updates instead of duplicating when the same file is imported again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reimport-'));
    cpSync(join(FIXTURES, '2026-W48', 'en', 'economy.md'), join(dir, 'economy.md'));
    const text = readFileSync(join(dir, 'economy.md'), 'utf8');
    writeFileSync(join(dir, 'economy.md'), text.replace(/^title: .*$/m, 'title: Growth slows further'));
    const result = await cli(stack.current.env, 'import', dir);
    expect(result.out).toContain('0 created, 1 updated, 0 invalid');
    expect(await commentaryItems()).toHaveLength(9);
    const updated = (await ctx.commentaries.listByEdition('2026-W48')).find(
      (c) => c.language === 'en' && c.key === 'economy-2026-w48',
    );
    expect(updated?.title).toBe('Growth slows further');
  });

  it('reports each invalid file with its field, imports none of them, and still imports the valid ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mixed-'));
    cpSync(join(FIXTURES, 'invalid'), dir, { recursive: true });
    const valid = readFileSync(join(FIXTURES, '2026-W48', 'ru', 'economy.md'), 'utf8')
      .replace(/^slug: .*$/m, 'slug: economy-extra')
      .replace(/^url: .*$/m, 'url: https://example.org/ru/commentary/extra');
    writeFileSync(join(dir, 'zz-valid.md'), valid);
    const before = (await commentaryItems()).length;
    const result = await cli(stack.current.env, 'import', dir);
    expect(result.code).toBe(1);
    expect(result.out).toContain('1 created, 0 updated');
    // The valid file's week (2026-W48) is past and unsent: one warning line for it; every other line is a problem.
    const lines = result.err.split('\n').filter((l) => !l.startsWith('warning  '));
    expect(result.err).toMatch(/^warning {2}\S+zz-valid\.md: 2026-W48 is a past week that was never sent/m);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) expect(line).toMatch(/^invalid {2}\S+\.md: [\w.()\s-]+: .+/);
    expect((await commentaryItems()).length).toBe(before + 1);
  });

  it('exits non-zero with one clear line for a missing path or a bad edition', async () => {
    await expect(cli(stack.current.env, 'import', '/nonexistent/dir')).rejects.toThrow(
      'no such file or folder: /nonexistent/dir',
    );
    await expect(cli(stack.current.env, 'status', '--edition', '2026-48', '--json')).rejects.toThrow(
      '--edition must look like 2026-W48',
    );
  });
});

describe('newsletter subscribers', () => {
  it('exports a reader as JSON and erases them for good', async () => {
    const res = await fetch(`${stack.current.apiUrl}/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'Data.Subject@example.org', language: 'be' }),
    });
    expect(res.status).toBe(202);
    await stack.current.drain();
    const exported = JSON.parse(
      (await cli(stack.current.env, 'subscribers', 'export', 'data.subject@EXAMPLE.org')).out,
    );
    expect(exported).toMatchObject({
      email: 'Data.Subject@example.org',
      language: 'be',
      status: 'pending',
      consent: { language: 'be' },
    });
    expect((await cli(stack.current.env, 'subscribers', 'erase', 'data.subject@example.org')).out).toBe('erased');
    expect(
      (await tableItems(stack.current)).some((i) => i.id === readerIdOf(stack.current, 'data.subject@example.org')),
    ).toBe(false);
    await expect(cli(stack.current.env, 'subscribers', 'export', 'data.subject@example.org')).rejects.toThrow(
      'no data is held',
    );
  });
});
