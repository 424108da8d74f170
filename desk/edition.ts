import { DEFAULT_TIME_ZONE, editionAt, isEdition } from '../functions/core/edition.ts';

/** The edition a page shows: the one its URL names, else the current ISO week (in the newsletter's default zone). */
export function editionOf(params: readonly string[], now = Date.now()): string {
  const named = params[0];
  return named && isEdition(named) ? named : editionAt(now, DEFAULT_TIME_ZONE);
}
