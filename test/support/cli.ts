import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { editionDates } from '../../functions/core/edition.ts';
import { runCli } from '../../local/cli.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'commentaries', '2026-W48');

/**
 * Runs a `newsletter` CLI command in-process against the stack whose environment is `env`, through its editors'
 * API (`--api`, signed with the stack's credentials); returns its exit code and what it printed.
 */
export async function cli(env: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const args = ['--api', env.PUBLIC_URL as string, ...argv];
  const code = await runCli(args, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The exports `subscribers import` is tested with (test/fixtures/imports). */
export const IMPORT_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'imports');

/**
 * Runs a `newsletter` command in-process with `env` as it is given (no `--api` added); returns its exit code, the
 * lines it printed and its progress lines (the import's bar), errors dropped. A refusal throws, as runCli does.
 */
export async function runCliLines(argv: readonly string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const progress: string[] = [];
  const io = { out: (l: string) => out.push(l), err: () => {}, progress: (l: string) => progress.push(l) };
  const code = await runCli([...argv], env, io);
  return { code, out, progress };
}

/** The fixture commentaries (en, be, ru) re-dated into `edition`, written to a fresh folder; returns it. */
export function fixtureEdition(edition: string, languages = ['en', 'be', 'ru']): string {
  const dir = mkdtempSync(join(tmpdir(), `commentaries-${edition}-`));
  const { monday } = editionDates(edition);
  for (const lang of languages) {
    for (const file of readdirSync(join(FIXTURES, lang))) {
      const text = readFileSync(join(FIXTURES, lang, file), 'utf8')
        .replace(/^date:.*$/m, `date: ${monday}`)
        .replace(/^edition:.*$/m, `edition: ${edition}`)
        .replace(/^slug: (.*)-2026-w48$/m, `slug: $1-${edition.toLowerCase()}`);
      writeFileSync(join(dir, `${lang}-${file}`), text);
    }
  }
  return dir;
}
