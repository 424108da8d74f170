import { MAX_NOTE_CHARS } from '../core/editorial.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../core/errors.ts';
import type { Language } from '../core/language.ts';
import type { CommentarySource } from './ports/commentary-source.ts';
import type { EditorialStore } from './ports/editorial-store.ts';
import type { SendRecordStore } from './ports/send-record-store.ts';

/** What the editorial actions read and write. */
export interface EditorialDeps {
  readonly commentaries: CommentarySource;
  readonly editorial: EditorialStore;
  readonly sends: Pick<SendRecordStore, 'get'>;
}

/** Refuses to change an edition whose send has started: what goes out was rendered then. */
async function notStarted(deps: EditorialDeps, edition: string): Promise<void> {
  if (await deps.sends.get(edition))
    throw new ConflictError('edition_started', `${edition} has started sending: its items, order and notes are fixed`);
}

/** Sets the edition's order of keys (shared by every language); keys not listed follow in import order. */
export async function setOrder(deps: EditorialDeps, edition: string, order: readonly string[]) {
  await notStarted(deps, edition);
  const twice = order.filter((k, i) => order.indexOf(k) !== i);
  if (twice.length > 0) throw new InvalidInputError('invalid_order', `listed more than once: ${twice.join(', ')}`);
  const known = new Set((await deps.commentaries.listByEdition(edition)).map((c) => c.key));
  const unknown = order.filter((k) => !known.has(k));
  if (unknown.length > 0)
    throw new InvalidInputError('unknown_key', `not commentaries of ${edition}: ${unknown.join(', ')}`);
  await deps.editorial.setOrder(edition, order);
  return { edition, order };
}

/** Sets (or with `undefined`, removes) the editor's note of one language, rendered safe as commentaries are. */
export async function setNote(deps: EditorialDeps, edition: string, language: Language, text: string | undefined) {
  await notStarted(deps, edition);
  if (text === undefined)
    return { edition, language, removed: await deps.editorial.setNote(edition, language, undefined) };
  if (text.trim() === '') throw new InvalidInputError('invalid_request', 'text: must not be empty (DELETE removes)');
  if (text.length > MAX_NOTE_CHARS)
    throw new InvalidInputError('invalid_request', `text: at most ${MAX_NOTE_CHARS} characters`);
  // Loaded on first use: the Markdown parser stays out of the other routes' cold start.
  const { renderNote } = await import('../core/markdown.ts');
  const note = renderNote(text);
  await deps.editorial.setNote(edition, language, note);
  return { edition, language, note: { html: note.html, text: note.text } };
}

/** Takes one commentary out of an edition not yet started (`removed`), or puts it back; a feed pull keeps it out. */
export async function setRemoved(
  deps: EditorialDeps,
  edition: string,
  language: Language,
  key: string,
  removed: boolean,
) {
  await notStarted(deps, edition);
  const items = await deps.commentaries.listByEdition(edition);
  if (!items.some((c) => c.language === language && c.key === key))
    throw new NotFoundError('unknown_commentary', `${edition} has no commentary ${key} in ${language}`);
  const changed = await deps.editorial.setRemoved(edition, language, key, removed);
  return { edition, language, key, status: removed ? 'removed' : 'restored', changed };
}
