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
