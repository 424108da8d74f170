import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AdminApi } from '../../../local/api-client.ts';
import { type ImportAnswer, uploadFile } from '../../../local/cli-import-upload.ts';
import { IMPORT_FIXTURES, runCliLines } from '../../support/cli.ts';
import { tableSnapshot, useLocalStack } from '../../support/local.ts';

// One row per request: every chunk takes several requests ('again'), as a large file's would.
const stack = useLocalStack({ IMPORT_ROWS_PER_REQUEST: '1' });
const FIXTURES = IMPORT_FIXTURES;
const SUBSCRIBED = join(FIXTURES, 'subscribed_members_export_1a2b3c.csv');
const UNSUBSCRIBED = join(FIXTURES, 'unsubscribed_members_export_1a2b3c.csv');

const importing = (...args: string[]) =>
  runCliLines(['--api', stack.current.apiUrl, 'subscribers', 'import', ...args], stack.current.env);

// Expected lines written by hand from the fixtures (see test/unit/core/import/mailchimp.test.ts for the rows).
const subscribedOutcome = [
  '  confirmed readers: be 1, en 1, ru 1',
  '  re-permission e-mails: en 1',
  '  problems (not imported): 4',
  '    line 6: invalid e-mail address: email is not an address',
  '    line 8: the same mailbox as line 4',
  '    line 9: unknown language "tlh"',
  '    line 10: no e-mail address',
];

describe('subscribers import through the API', () => {
  it('--dry-run prints what would happen per outcome and language and writes nothing', async () => {
    const before = await tableSnapshot(stack.current);
    const { code, out, progress } = await importing(SUBSCRIBED, '--dry-run', '--language', 'en');
    expect(code).toBe(0);
    expect(out).toEqual([
      `${SUBSCRIBED} (mailchimp): 8 rows (dry run)`,
      ...subscribedOutcome,
      'dry run: what would happen to each row; nothing was written',
    ]);
    expect(progress.at(-1)).toMatch(/^\[#{20}\] 100% {2}8 rows$/);
    expect(await tableSnapshot(stack.current)).toBe(before);
  });

  it('imports the files, and running them again changes nothing', async () => {
    const first = await importing(SUBSCRIBED, UNSUBSCRIBED, '--language', 'en');
    expect(first.out).toEqual([
      `${SUBSCRIBED} (mailchimp): 8 rows`,
      ...subscribedOutcome,
      `${UNSUBSCRIBED} (mailchimp): 2 rows`,
      '  suppressed (never mailed): 2',
    ]);
    const after = await tableSnapshot(stack.current);
    const again = await importing(SUBSCRIBED, UNSUBSCRIBED, '--language', 'en');
    expect(again.out).toEqual(first.out);
    expect(await tableSnapshot(stack.current)).toBe(after);
  });

  it('sends a file in several chunks, each as the API asks for it, cut mid-record', async () => {
    const api = new AdminApi({
      baseUrl: stack.current.apiUrl,
      region: stack.current.env.AWS_REGION ?? 'eu-central-1',
      credentials: {
        accessKeyId: stack.current.env.AWS_ACCESS_KEY_ID ?? 'local',
        secretAccessKey: stack.current.env.AWS_SECRET_ACCESS_KEY ?? 'local',
      },
    });
    const answers: ImportAnswer[] = [];
    const options = { fileName: 'ghost-members.csv', language: 'ru' as const, dryRun: true };
    const done = await uploadFile(api, join(FIXTURES, 'ghost-members.csv'), options, (a) => answers.push(a), 200);
    expect(done.status).toBe('done');
    expect(done.chunks).toEqual({ done: 3, count: 3 });
    expect(answers.some((a) => a.again)).toBe(true);
    expect(done.outcomes).toEqual({ confirmed: { be: 1, ru: 1 }, suppressed: { none: 1 }, problem: { none: 1 } });
  });
});
