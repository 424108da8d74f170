import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { editionDates } from '../../../functions/core/edition.ts';
import { runCli } from '../../../local/cli.ts';
import type { LocalStack } from '../../../local/stack.ts';
import { inbox, type StoredEmail } from '../../support/local.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'commentaries', '2026-W48');

/** Runs one `newsletter` CLI command against the stack; resolves to its exit code and output lines. */
export async function cli(stack: LocalStack, argv: string[]): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const code = await runCli(['--api', stack.apiUrl, ...argv], stack.env, {
    out: (l) => out.push(l),
    err: (l) => out.push(l),
  });
  return { code, out };
}

/** The reader's subscription status as `newsletter subscribers export` shows it. */
export async function subscriberStatus(stack: LocalStack, address: string): Promise<string> {
  await stack.drain();
  const { out } = await cli(stack, ['subscribers', 'export', address]);
  return (JSON.parse(out.join('\n')) as { status: string }).status;
}

/** Waits until the SES stand-in holds an e-mail to `to` whose subject matches, and returns it. */
export async function waitForMail(stack: LocalStack, to: string, subject: RegExp): Promise<StoredEmail> {
  let found: StoredEmail | undefined;
  await expect
    .poll(async () => {
      found = (await inbox(stack, to)).find((e) => subject.test(e.subject));
      return found !== undefined;
    })
    .toBe(true);
  return found as StoredEmail;
}

/** Imports the test fixtures (all three languages) as the commentaries of `edition` through the CLI. */
export async function importEdition(stack: LocalStack, edition: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `e2e-${edition}-`));
  const { monday } = editionDates(edition);
  for (const lang of readdirSync(FIXTURES)) {
    mkdirSync(join(dir, lang));
    for (const file of readdirSync(join(FIXTURES, lang))) {
      const text = readFileSync(join(FIXTURES, lang, file), 'utf8')
        .replace(/^date:.*$/m, `date: ${monday}`)
        .replace(/^edition:.*$/m, `edition: ${edition}`)
        .replace(/^slug: (.*)$/m, `slug: $1-${edition.toLowerCase()}`);
      writeFileSync(join(dir, lang, file), text);
    }
  }
  const { code, out } = await cli(stack, ['import', dir]);
  expect(code, out.join('\n')).toBe(0);
}
