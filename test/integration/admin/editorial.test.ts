import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSendContext } from '../../../functions/wiring/send.ts';
import { fixtureEdition } from '../../support/cli.ts';
import { editorsOf } from '../../support/editors.ts';
import { inbox, tableSnapshot, useLocalStack } from '../../support/local.ts';
import { readers, seedReaders } from '../../support/seed.ts';
import { signedFetch } from '../../support/signed.ts';

// Issue 23 items 1-3 and 5, end to end through the editors' API and the CLI on the local stack (item 6, sending on
// purpose, is in send-on-purpose.test.ts).
const stack = useLocalStack();
const { run, api, itemsOf } = editorsOf(stack);
const LANGS = ['en', 'be', 'ru'] as const;

/** The digest of one language as the preview route renders it, HTML and text. */
async function digest(edition: string, language: string) {
  const path = `/admin/editions/${edition}/preview/${language}`;
  const html = await (await signedFetch(stack.current, 'GET', path, { accept: 'text/html' })).text();
  const text = await (await signedFetch(stack.current, 'GET', path, { accept: 'text/plain' })).text();
  return { html, text };
}

/** The fixture topics' places in a digest, by the link each item has (`/<lang>/commentary/<topic>-2026-w48`). */
function order(body: string, language: string): string[] {
  const found = ['belarus-west', 'economy', 'repressions'].map((t) => ({
    t,
    at: body.indexOf(`/${language}/commentary/${t}-2026-w48`),
  }));
  return found
    .filter((f) => f.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((f) => f.t);
}

describe('an edition shaped by its editors', () => {
  const EDITION = '2026-W31';
  const key = (topic: string) => `${topic}-2026-w31`;

  beforeAll(async () => {
    const imported = await run('import', fixtureEdition(EDITION));
    expect(imported.code).toBe(0);
  });

  it('answers each file with its key and edition, in the API and the CLI', async () => {
    const again = await run('import', fixtureEdition(EDITION, ['en']));
    expect(again.out).toContain(`(${EDITION}, key ${key('economy')})`);
    const res = await api('PUT', '/admin/commentaries', {
      files: [
        {
          name: 'x.md',
          content: '---\ntitle: X\nlanguage: en\ndate: 2026-07-28\ntopic: T\nurl: https://e.example/x\n---\nBody.\n',
        },
      ],
    });
    const { results } = (await res.json()) as { results: { key: string; edition: string; status: string }[] };
    expect(results[0]).toMatchObject({
      status: 'created',
      edition: EDITION,
      key: expect.stringMatching(/^[a-z0-9-]+$/),
    });
    const removed = await api('DELETE', `/admin/editions/${EDITION}/commentaries/en/${results[0]?.key}`);
    expect(removed.status).toBe(200);
  });

  it('keeps the order of import by default, the same in the three languages, in HTML and text', async () => {
    for (const language of LANGS) {
      const { html, text } = await digest(EDITION, language);
      expect(order(html, language)).toEqual(['belarus-west', 'economy', 'repressions']);
      expect(order(text, language)).toEqual(['belarus-west', 'economy', 'repressions']);
    }
  });

  it('follows PUT order (API) and `order` (CLI) in every language; keys not listed follow', async () => {
    const set = await run('order', '--edition', EDITION, key('repressions'));
    expect(set.code).toBe(0);
    for (const language of LANGS) {
      const { html, text } = await digest(EDITION, language);
      expect(order(html, language)).toEqual(['repressions', 'belarus-west', 'economy']);
      expect(order(text, language)).toEqual(['repressions', 'belarus-west', 'economy']);
    }
    const res = await api('PUT', `/admin/editions/${EDITION}/order`, { order: [key('economy'), key('repressions')] });
    expect(res.status).toBe(200);
    for (const language of LANGS)
      expect(order((await digest(EDITION, language)).html, language)).toEqual([
        'economy',
        'repressions',
        'belarus-west',
      ]);
  });

  it('refuses an order naming an unknown key (400) and writes nothing', async () => {
    const before = await tableSnapshot(stack.current);
    const res = await api('PUT', `/admin/editions/${EDITION}/order`, { order: ['no-such-key'] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unknown_key');
    expect(await tableSnapshot(stack.current)).toBe(before);
  });

  it('shows the note of its language above the items and the count line, and DELETE removes it', async () => {
    const set = await run('note', '--edition', EDITION, '--language', 'be', 'Гэты тыдзень **асаблівы**.');
    expect(set.code).toBe(0);
    const res = await api('PUT', `/admin/editions/${EDITION}/note/ru`, { text: 'Неделя <script>x</script> *итогов*.' });
    expect(res.status).toBe(200);
    const be = await digest(EDITION, 'be');
    expect(be.html).toContain('Гэты тыдзень <strong>асаблівы</strong>.');
    expect(be.html.indexOf('асаблівы')).toBeLessThan(be.html.indexOf('/be/commentary/'));
    expect(be.text).toMatch(/Гэты тыдзень асаблівы\.\n\n3 каментары на гэтым тыдні\n/);
    const ru = await digest(EDITION, 'ru');
    expect(ru.html).toContain('&lt;script&gt;');
    expect(ru.html).not.toContain('<script>x');
    expect(ru.html).toContain('<em>итогов</em>');
    const en = await digest(EDITION, 'en');
    expect(en.html).not.toContain('асаблівы');
    expect(en.text).toContain('3 commentaries this week');
    const removed = await run('note', '--edition', EDITION, '--language', 'be', '--delete');
    expect(removed.out).toContain('note removed');
    expect((await digest(EDITION, 'be')).html).not.toContain('асаблівы');
    expect((await api('DELETE', `/admin/editions/${EDITION}/note/ru`)).status).toBe(200);
  });

  it('refuses a note over 1,000 characters (400) and writes nothing', async () => {
    const before = await tableSnapshot(stack.current);
    const res = await api('PUT', `/admin/editions/${EDITION}/note/en`, { text: 'x'.repeat(1001) });
    expect(res.status).toBe(400);
    expect(await tableSnapshot(stack.current)).toBe(before);
  });

  it('removes an item from one language (CLI and API) and restores it', async () => {
    const removed = await run('remove', '--edition', EDITION, '--language', 'en', key('economy'));
    expect(removed.code).toBe(0);
    const en = await digest(EDITION, 'en');
    expect(order(en.html, 'en')).toEqual(['repressions', 'belarus-west']);
    expect(en.text).toContain('2 commentaries this week');
    expect(order((await digest(EDITION, 'be')).html, 'be')).toEqual(['economy', 'repressions', 'belarus-west']);
    const unknown = await api('DELETE', `/admin/editions/${EDITION}/commentaries/en/no-such-key`);
    expect(unknown.status).toBe(404);
    const restored = await api('POST', `/admin/editions/${EDITION}/commentaries/en/${key('economy')}/restore`);
    expect(restored.status).toBe(200);
    expect(order((await digest(EDITION, 'en')).html, 'en')).toEqual(['economy', 'repressions', 'belarus-west']);
  });
});

describe('an edition whose send has started', () => {
  const EDITION = '2026-W32';

  beforeAll(async () => {
    await seedReaders(await createSendContext(stack.current.env), readers('editorial', 2, 'confirmed'));
    expect((await run('import', fixtureEdition(EDITION, ['en']))).code).toBe(0);
    const sent = await run('send', '--edition', EDITION, '--yes');
    expect(sent.code).toBe(0);
  });

  it('refuses remove, restore, order and note with 409 and writes nothing', async () => {
    const before = await itemsOf('2026-W32');
    const path = `/admin/editions/${EDITION}`;
    for (const [method, p, body] of [
      ['DELETE', `${path}/commentaries/en/economy-2026-w32`, undefined],
      ['POST', `${path}/commentaries/en/economy-2026-w32/restore`, undefined],
      ['PUT', `${path}/order`, { order: ['economy-2026-w32'] }],
      ['PUT', `${path}/note/en`, { text: 'Late.' }],
    ] as const) {
      const res = await api(method, p, body);
      expect(res.status, `${method} ${p}`).toBe(409);
    }
    const refused = await run('remove', '--edition', EDITION, '--language', 'en', 'economy-2026-w32');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^409: 2026-W32 has started sending/);
    expect(await itemsOf('2026-W32')).toBe(before);
  });

  it('refuses an import into it as edition_sent on that file (exit code 1), and imports the other files', async () => {
    const mails = (await inbox(stack.current)).length;
    const dir = fixtureEdition(EDITION, ['be']);
    writeFileSync(
      join(dir, 'later.md'),
      '---\ntitle: Later\nlanguage: en\ndate: 2026-08-12\nedition: 2026-W33\ntopic: T\nurl: https://e.example/later\n---\nBody.\n',
    );
    const imported = await run('import', dir);
    expect(imported.code).toBe(1);
    expect(imported.err).toMatch(/invalid {2}\S+be-economy\.md: edition_sent: edition: 2026-W32 has already been sent/);
    expect(imported.out).toContain('1 created, 0 updated, 3 invalid');
    expect(imported.err).toMatch(/warning {2}\S+later\.md: 2026-W33 is a past week that was never sent/);
    expect((await inbox(stack.current)).length).toBe(mails);
  });
});
