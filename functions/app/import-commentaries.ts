import { type Commentary, type CommentaryProblem, parseCommentary } from '../core/commentary.ts';
import { type EditionSettings, largestDigest, MAX_DIGEST_BYTES } from './digest.ts';
import type { CommentaryStore } from './ports/commentary-store.ts';

/** One imported commentary. */
export interface ImportedCommentary {
  readonly path: string;
  readonly key: string;
  readonly language: string;
  readonly edition: string;
}

/** What happened to one file: its status and, for an invalid one, every problem found. */
export interface FileResult {
  readonly name: string;
  readonly status: 'created' | 'updated' | 'unchanged' | 'invalid';
  readonly problems: { field: string; message: string }[];
}

/** What an import did, file by file. */
export interface ImportResult {
  readonly created: ImportedCommentary[];
  readonly updated: ImportedCommentary[];
  readonly unchanged: ImportedCommentary[];
  readonly problems: CommentaryProblem[];
  readonly files: FileResult[];
}

/**
 * Validates every file and imports the valid ones (an invalid file imports nothing); importing the same file again
 * updates its commentary instead of adding another, or changes nothing when it is the same. With `settings`, a
 * file that would make a digest of its edition too large for Gmail is invalid too. Problems are reported per file.
 */
export async function importCommentaries(
  store: CommentaryStore,
  files: readonly { path: string; text: string }[],
  settings?: EditionSettings,
): Promise<ImportResult> {
  const result: ImportResult = { created: [], updated: [], unchanged: [], problems: [], files: [] };
  const editions = new Map<string, Map<string, Commentary>>();
  const refuse = (path: string, problems: CommentaryProblem[]) => {
    result.problems.push(...problems);
    const listed = problems.map(({ field, message }) => ({ field, message }));
    result.files.push({ name: path, status: 'invalid', problems: listed });
  };
  for (const file of files) {
    const parsed = parseCommentary(file);
    if (!parsed.ok) {
      refuse(file.path, parsed.problems);
      continue;
    }
    const c = parsed.commentary;
    let items = editions.get(c.edition);
    if (settings && !items) {
      items = new Map((await store.listByEdition(c.edition)).map((s) => [`${s.language}#${s.key}`, s]));
      editions.set(c.edition, items);
    }
    if (settings && items) {
      const next = new Map(items).set(`${c.language}#${c.key}`, c);
      const largest = await largestDigest(settings, c.edition, [...next.values()]);
      if (largest.bytes > MAX_DIGEST_BYTES) {
        const message = `with it the ${largest.language} digest of ${c.edition} would be ${largest.bytes} bytes, over Gmail's clip (at most ${MAX_DIGEST_BYTES}): shorten the leads or move a commentary to another edition`;
        refuse(file.path, [{ path: file.path, field: '(digest)', message }]);
        continue;
      }
    }
    let outcome: 'created' | 'updated' | 'unchanged';
    try {
      outcome = await store.put(c);
    } catch (error) {
      const message = `not stored (${(error as Error).name}); the other files are not affected, import this one again`;
      refuse(file.path, [{ path: file.path, field: '(file)', message }]);
      continue;
    }
    items?.set(`${c.language}#${c.key}`, c);
    result[outcome].push({ path: file.path, key: c.key, language: c.language, edition: c.edition });
    result.files.push({ name: file.path, status: outcome, problems: [] });
  }
  return result;
}
