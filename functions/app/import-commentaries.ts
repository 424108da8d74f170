import { type Commentary, type CommentaryProblem, parseCommentary } from '../core/commentary.ts';

/** Stores a commentary, replacing the one with the same key and language. */
export interface CommentaryStore {
  put(c: Commentary): Promise<'created' | 'updated' | 'unchanged'>;
}

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
 * updates its commentary instead of adding another, or changes nothing when it is the same.
 */
export async function importCommentaries(
  store: CommentaryStore,
  files: readonly { path: string; text: string }[],
): Promise<ImportResult> {
  const result: ImportResult = { created: [], updated: [], unchanged: [], problems: [], files: [] };
  for (const file of files) {
    const parsed = parseCommentary(file);
    if (!parsed.ok) {
      result.problems.push(...parsed.problems);
      const problems = parsed.problems.map(({ field, message }) => ({ field, message }));
      result.files.push({ name: file.path, status: 'invalid', problems });
      continue;
    }
    const c = parsed.commentary;
    const outcome = await store.put(c);
    result[outcome].push({ path: file.path, key: c.key, language: c.language, edition: c.edition });
    result.files.push({ name: file.path, status: outcome, problems: [] });
  }
  return result;
}
