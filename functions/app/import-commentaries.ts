import { type Commentary, type CommentaryProblem, parseCommentary } from '../core/commentary.ts';

/** Stores a commentary, replacing the one with the same key and language. */
export interface CommentaryStore {
  put(c: Commentary): Promise<'created' | 'updated'>;
}

/** What an import did, file by file. */
export interface ImportResult {
  readonly created: { path: string; key: string; language: string; edition: string }[];
  readonly updated: { path: string; key: string; language: string; edition: string }[];
  readonly problems: CommentaryProblem[];
}

/**
 * Validates every file and imports the valid ones (an invalid file imports nothing); importing the same file again
 * updates its commentary instead of adding another.
 */
export async function importCommentaries(
  store: CommentaryStore,
  files: readonly { path: string; text: string }[],
): Promise<ImportResult> {
  const result: ImportResult = { created: [], updated: [], problems: [] };
  for (const file of files) {
    const parsed = parseCommentary(file);
    if (!parsed.ok) {
      result.problems.push(...parsed.problems);
      continue;
    }
    const c = parsed.commentary;
    const outcome = await store.put(c);
    result[outcome].push({ path: file.path, key: c.key, language: c.language, edition: c.edition });
  }
  return result;
}
