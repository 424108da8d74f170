import { beforeAll, describe, expect, it } from 'vitest';
import { editionAt } from '../../../functions/core/edition.ts';
import { DEFAULT_SCHEDULE } from '../../../functions/core/weekly-schedule.ts';
import { createSendContext } from '../../../functions/wiring/send.ts';
import { runCli } from '../../../local/cli.ts';
import { fixtureEdition } from '../../support/cli.ts';
import { editorsOf } from '../../support/editors.ts';
import { inbox, useLocalStack } from '../../support/local.ts';
import { readers, seedReaders } from '../../support/seed.ts';

// Issue 23 item 6, end to end through the editors' API and the CLI on the local stack: a send of another week than
// the current one needs the editors' confirmation.
const stack = useLocalStack();
const { run, api, itemsOf } = editorsOf(stack);

describe('sending on purpose', () => {
  const OTHER = '2026-W34';
  const current = editionAt(Date.now(), DEFAULT_SCHEDULE.timezone);

  beforeAll(async () => {
    await seedReaders(await createSendContext(stack.current.env), readers('purpose', 2, 'confirmed'));
    expect((await run('import', fixtureEdition(OTHER, ['en']))).code).toBe(0);
    expect((await run('import', fixtureEdition(current, ['en']))).code).toBe(0);
  });

  it('refuses another week than the current one without confirm (409 confirm_required, readers named), API and CLI', async () => {
    const before = await itemsOf(OTHER);
    const mails = (await inbox(stack.current)).length;
    const res = await api('POST', `/admin/editions/${OTHER}/send`);
    expect(res.status).toBe(409);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('confirm_required');
    expect(error.message).toMatch(
      new RegExp(`^${OTHER} is not the current week \\(${current}\\); it would go to en \\d+ readers`),
    );
    const wrong = await api('POST', `/admin/editions/${OTHER}/send`, { confirm: current });
    expect(wrong.status).toBe(409);
    const refused = await run('send', '--edition', OTHER);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(new RegExp(`^409: ${OTHER} is not the current week`));
    expect(await itemsOf(OTHER)).toBe(before);
    expect((await inbox(stack.current)).length).toBe(mails);
  });

  it('prints the readers per language of the current week and asks on a terminal; no sends nothing', async () => {
    const before = await itemsOf(current);
    const asked: string[] = [];
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
      ask: async (q: string) => {
        asked.push(q);
        return 'n';
      },
    };
    const code = await runCli(['--api', stack.current.apiUrl, 'send', '--edition', current], stack.current.env, io);
    expect(code).toBe(1);
    // This file's stack holds its own two readers (en and be) only, and the week has English items only.
    expect(out.join('\n')).toMatch(new RegExp(`^${current} goes to en 1 reader\\b`));
    expect(asked).toEqual([`Send ${current} now? [y/N] `]);
    expect(err).toEqual([`${current}: not sent`]);
    expect(await itemsOf(current)).toBe(before);
  });
});
