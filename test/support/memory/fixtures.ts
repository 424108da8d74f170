import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importCommentaries } from '../../../functions/app/import-commentaries.ts';
import type { MemoryWorld } from './world.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'commentaries', '2026-W48');

/** Imports the 2026-W48 fixture commentaries of the given languages into a memory world. */
export async function importFixtures(w: MemoryWorld, languages: readonly string[] = ['en', 'be', 'ru']) {
  const files = languages.flatMap((lang) =>
    readdirSync(join(FIXTURES, lang)).map((f) => ({
      path: join(FIXTURES, lang, f),
      text: readFileSync(join(FIXTURES, lang, f), 'utf8'),
    })),
  );
  const result = await importCommentaries(w.commentaries, files);
  if (result.problems.length > 0) throw new Error(JSON.stringify(result.problems));
}
