import { type Commentary, type CommentaryProblem, parseCommentary } from '../core/commentary.ts';
import { editionAt } from '../core/edition.ts';
import { fileOver, sameLink } from '../core/same-link.ts';
import { type EditionSettings, largestDigest, MAX_DIGEST_BYTES } from './digest.ts';
import type { CommentaryStore } from './ports/commentary-store.ts';
import type { SendRecordStore } from './ports/send-record-store.ts';

/** What an import checks besides the files: whether their edition was dispatched, and which week it is. */
export interface ImportGuard {
  readonly sends: Pick<SendRecordStore, 'get'>;
  readonly timeZone: string;
  readonly now: () => number;
}

/** One imported commentary. */
export interface ImportedCommentary {
  readonly path: string;
  readonly key: string;
  readonly language: string;
  readonly edition: string;
}

/** What happened to one file: its status, its key and edition when it was read, problems and warnings. */
export interface FileResult {
  readonly name: string;
  readonly status: 'created' | 'updated' | 'unchanged' | 'invalid';
  readonly key?: string;
  readonly edition?: string;
  readonly problems: { field: string; message: string; code?: string }[];
  readonly warnings?: string[];
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
 * updates its commentary instead of adding another, or changes nothing when it is the same. A file with the link
 * of another commentary of its edition and language (a feed item, an earlier file) takes its place: one item per
 * link. With `settings`, a file that would make a digest too large for Gmail is invalid; with `guard`, so is a file
 * whose edition was dispatched (`edition_sent`), and one for a past week never sent gets a warning.
 */
export async function importCommentaries(
  store: CommentaryStore,
  files: readonly { path: string; text: string }[],
  settings?: EditionSettings,
  guard?: ImportGuard,
): Promise<ImportResult> {
  const result: ImportResult = { created: [], updated: [], unchanged: [], problems: [], files: [] };
  const editions = new Map<string, { items: Map<string, Commentary>; sent: boolean }>();
  const base = (guard?.now() ?? 0) * 1000;
  const refuse = (path: string, problems: (CommentaryProblem & { code?: string })[], c?: Commentary) => {
    result.problems.push(...problems);
    const listed = problems.map(({ field, message, code }) => ({ field, message, ...(code ? { code } : {}) }));
    result.files.push({
      name: path,
      status: 'invalid',
      ...(c ? { key: c.key, edition: c.edition } : {}),
      problems: listed,
    });
  };
  for (const [index, file] of files.entries()) {
    const parsed = parseCommentary(file);
    if (!parsed.ok) {
      refuse(file.path, parsed.problems);
      continue;
    }
    const read = parsed.commentary;
    let edition = editions.get(read.edition);
    if (!edition) {
      const stored = await store.listByEdition(read.edition);
      const sent = (await guard?.sends.get(read.edition)) !== undefined;
      edition = { items: new Map(stored.map((s) => [`${s.language}#${s.key}`, s])), sent };
      editions.set(read.edition, edition);
    }
    if (edition.sent) {
      const message = `${read.edition} has already been sent: this file would never be mailed; give it a later edition`;
      refuse(file.path, [{ path: file.path, field: 'edition', message, code: 'edition_sent' }], read);
      continue;
    }
    const { items } = edition;
    const replaced = sameLink(items.values(), read);
    const c = fileOver({ ...read, arrived: base + index }, items.get(`${read.language}#${read.key}`) ?? replaced);
    if (settings) {
      const next = new Map(items).set(`${c.language}#${c.key}`, c);
      if (replaced) next.delete(`${replaced.language}#${replaced.key}`);
      const largest = await largestDigest(settings, c.edition, [...next.values()]);
      if (largest.bytes > MAX_DIGEST_BYTES) {
        const message = `with it the ${largest.language} digest of ${c.edition} would be ${largest.bytes} bytes, over Gmail's clip (at most ${MAX_DIGEST_BYTES}): shorten the leads or move a commentary to another edition`;
        refuse(file.path, [{ path: file.path, field: '(digest)', message }], c);
        continue;
      }
    }
    let outcome: 'created' | 'updated' | 'unchanged';
    try {
      outcome = await store.put(c);
      // Stored first, then the other removed: a crash in between leaves a double that the next import clears.
      if (replaced) await store.delete(replaced.language, replaced.key);
    } catch (error) {
      const message = `not stored (${(error as Error).name}); the other files are not affected, import this one again`;
      refuse(file.path, [{ path: file.path, field: '(file)', message }], c);
      continue;
    }
    if (replaced) {
      items.delete(`${replaced.language}#${replaced.key}`);
      if (outcome === 'created') outcome = 'updated';
    }
    items.set(`${c.language}#${c.key}`, c);
    const warnings = guard && pastWeek(guard, c.edition) ? [pastWarning(c.edition)] : [];
    result[outcome].push({ path: file.path, key: c.key, language: c.language, edition: c.edition });
    result.files.push({
      name: file.path,
      status: outcome,
      key: c.key,
      edition: c.edition,
      problems: [],
      ...(warnings.length ? { warnings } : {}),
    });
  }
  return result;
}

const pastWeek = (guard: ImportGuard, edition: string) => edition < editionAt(guard.now(), guard.timeZone);
const pastWarning = (edition: string) =>
  `${edition} is a past week that was never sent: it goes out only with send --edition ${edition} --yes`;
