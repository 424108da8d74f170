import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMap, progressBar } from '../../local/cli-subscribers-import.ts';
import { IMPORT_FIXTURES as FIXTURES, runCliLines } from '../support/cli.ts';

const run = (...argv: string[]) => runCliLines(argv);

describe('subscribers import --dry-run', () => {
  it('prints per file, outcome and language what the file says, and the problems by line', async () => {
    const subscribed = join(FIXTURES, 'subscribed_members_export_1a2b3c.csv');
    const cleaned = join(FIXTURES, 'cleaned_members_export_1a2b3c.csv');
    const { code, out, progress } = await run(
      'subscribers',
      'import',
      subscribed,
      cleaned,
      '--dry-run',
      '--local',
      '--language',
      'en',
    );
    expect(code).toBe(0);
    expect(out).toEqual([
      `${subscribed} (mailchimp): 8 rows`,
      '  confirmed readers: be 1, en 1, ru 1',
      '  re-permission e-mails: en 1',
      '  problems (not imported): 4',
      '    line 6: invalid e-mail address: email is not an address',
      '    line 8: the same mailbox as line 4',
      '    line 9: unknown language "tlh"',
      '    line 10: no e-mail address',
      `${cleaned} (mailchimp): 1 row`,
      '  suppressed (never mailed): cleaned 1',
      'dry run: what each file says, read here; nothing was sent or written',
    ]);
    expect(progress.at(-1)).toBe('[####################] 100%  1 row');
  });

  it('takes --encoding and --map for a generic file', async () => {
    const file = join(FIXTURES, 'generic-windows-1251.csv');
    const map = 'email=Эл. пошта,language=Мова,confirmed_at=Падпісаны,status=Статус';
    const { out } = await run(
      'subscribers',
      'import',
      file,
      '--dry-run',
      '--local',
      '--encoding',
      'windows-1251',
      '--map',
      map,
    );
    expect(out.slice(0, 4)).toEqual([
      `${file} (generic): 4 rows`,
      '  confirmed readers: ru 1',
      '  suppressed (never mailed): unsubscribed 1',
      '  re-permission e-mails: be 1',
    ]);
  });

  it('refuses bad flags and files with one clear line', async () => {
    const file = join(FIXTURES, 'ghost-members.csv');
    const cases: [string[], string][] = [
      [
        ['--format', 'excel'],
        '--format must be one of mailchimp, substack, listmonk, ghost, buttondown, generic, not excel',
      ],
      [['--encoding', 'koi8-r'], '--encoding must be utf-8 or windows-1251, not koi8-r'],
      [['--map', 'name=Name'], '--map: name is not one of email, language, confirmed_at, status, optin_at'],
      [['--map', 'language=Lang'], `${file}: map language=Lang: the file has no column "Lang"`],
    ];
    for (const [flags, message] of cases) {
      await expect(run('subscribers', 'import', file, '--dry-run', '--local', ...flags)).rejects.toThrow(message);
    }
    await expect(run('subscribers', 'import', file, '--local')).rejects.toThrow(
      '--local reads the files here only: it goes with --dry-run',
    );
    await expect(run('subscribers', 'import', join(FIXTURES, 'none.csv'), '--dry-run', '--local')).rejects.toThrow(
      /cannot read .*none\.csv \(ENOENT\)/,
    );
  });
});

describe('the import CLI helpers', () => {
  it('parses --map pairs whose column names hold spaces', () => {
    expect(parseMap('email=E-mail, confirmed_at=Signed up')).toEqual({ email: 'E-mail', confirmed_at: 'Signed up' });
    expect(() => parseMap('email')).toThrow('--map takes field=Column pairs joined by commas, not "email"');
    expect(() => parseMap('email=A,email=B')).toThrow('--map names email twice');
  });

  it('draws the progress bar', () => {
    expect(progressBar(0, 100, 0)).toBe('[--------------------]   0%  0 rows');
    expect(progressBar(45, 100, 1234)).toBe('[#########-----------]  45%  1234 rows');
  });
});
