import { describe, expect, it } from 'vitest';
import { runCli } from '../../local/cli.ts';
import { planLines } from '../../local/cli-send.ts';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {}, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the newsletter CLI', () => {
  it('prints the usage and exits 0 when asked for help', async () => {
    for (const argv of [['--help'], ['help'], ['send', '--help']]) {
      const { code, out } = await run(...argv);
      expect([argv, code]).toEqual([argv, 0]);
      expect(out).toMatch(/^usage: npm run newsletter/);
    }
  });

  it('exits 2 with the usage on stderr when no command is given', async () => {
    const { code, out, err } = await run();
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^usage: /);
  });

  it('counts readers and commentaries in the singular for one', () => {
    expect(
      planLines({
        en: { commentaries: 1, readers: 1 },
        be: { commentaries: 2, readers: 2 },
        ru: { commentaries: 0, readers: 0 },
      }),
    ).toEqual([
      'en: would send 1 commentary to 1 reader',
      'be: would send 2 commentaries to 2 readers',
      'ru: would send 0 commentaries to 0 readers',
    ]);
  });
});
