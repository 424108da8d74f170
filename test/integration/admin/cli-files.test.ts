import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../local/cli.ts';
import { fixtureEdition } from '../../support/cli.ts';
import { tableSnapshot, useLocalStack } from '../../support/local.ts';

const stack = useLocalStack();

/** Runs `import` as `npm run newsletter` does: a CliError becomes its one line on stderr. */
async function importing(...paths: string[]) {
  const err: string[] = [];
  try {
    const argv = ['--api', stack.current.apiUrl, 'import', ...paths];
    const code = await runCli(argv, stack.current.env, { out: () => {}, err: (l) => err.push(l) });
    return { code, err: err.join('\n') };
  } catch (error) {
    return { code: 1, err: (error as Error).message };
  }
}

describe('import and the files it is given', () => {
  it('names a symbolic link loop (ELOOP) in one line and imports nothing', async () => {
    const before = await tableSnapshot(stack.current);
    const selfDir = fixtureEdition('2026-W20', ['en']);
    symlinkSync('loop.md', join(selfDir, 'loop.md'));
    const upDir = fixtureEdition('2026-W21', ['en']);
    mkdirSync(join(upDir, 'sub'));
    symlinkSync('..', join(upDir, 'sub', 'up'));
    for (const [path, loop] of [
      [selfDir, join(selfDir, 'loop.md')],
      [join(selfDir, 'loop.md'), join(selfDir, 'loop.md')],
      [upDir, join(upDir, 'sub', 'up')],
    ] as const) {
      const result = await importing(path);
      expect(result.code).toBe(1);
      expect(result.err.split('\n')).toHaveLength(1);
      expect(result.err).toContain('symbolic link loop');
      expect(result.err).toContain('(ELOOP)');
      expect(result.err.startsWith(loop)).toBe(true);
    }
    expect(await tableSnapshot(stack.current)).toBe(before);
  });
});
