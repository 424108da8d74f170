import { InvalidTokenError } from '../core/errors.ts';
import type { ReaderIds } from '../core/reader-ids.ts';
import type { KeyRing } from '../core/tokens.ts';
import { verifyToken } from '../core/tokens.ts';
import type { Log } from './ports/log.ts';
import { type EraseDeps, eraseReader } from './subscriber-data.ts';

/** Dependencies of the e-mails' erase link: the admin erase's, and the keys that verify the link. */
export interface EraseLinkDeps extends EraseDeps {
  readonly ring: KeyRing;
  readonly log: Log;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The reader an erase token names; throws InvalidTokenError for a bad, foreign-purpose or malformed one. */
function readerOf(deps: EraseLinkDeps, token: unknown): ReaderIds {
  const { subscriberId } = verifyToken(deps.ring, token, 'erase', deps.now());
  const [id = '', mailbox = '', ...rest] = subscriberId.split('~');
  if (!ID.test(id) || !ID.test(mailbox) || rest.length > 0) throw new InvalidTokenError('malformed');
  return { id, mailbox };
}

/** For `GET /erase`: checks the link and nothing else (reads and writes nothing, so mail scanners change nothing). */
export function inspectEraseLink(deps: EraseLinkDeps, token: unknown): void {
  readerOf(deps, token);
}

/**
 * For `POST /erase`: erases everything held about the reader the link names, exactly as the admin erase does, and
 * tells nothing back: the answer is the same whether anything was held. The log line names no reader.
 */
export async function eraseByLink(deps: EraseLinkDeps, token: unknown): Promise<void> {
  await eraseReader(deps, readerOf(deps, token));
  deps.log.info('erased by the reader', { via: 'link' });
}
