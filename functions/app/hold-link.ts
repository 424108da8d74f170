import { editionStart, nextEdition } from '../core/edition.ts';
import { ConflictError, InvalidTokenError } from '../core/errors.ts';
import { issueToken, type KeyRing, verifyToken } from '../core/tokens.ts';
import { type HoldDeps, holdEdition } from './hold.ts';

/** What the hold link's page and form need. */
export interface HoldLinkDeps extends HoldDeps {
  readonly ring: KeyRing;
  readonly timeZone: string;
}

/** Where an edition stands for the hold page: held already, started already, or still to be held. */
export type HoldLinkState = 'open' | 'held' | 'started';

/** How long a hold link works at least: an edition prepared late by hand still gets a usable link. */
export const HOLD_LINK_MIN_MS = 2 * 86_400_000;

/**
 * The preview e-mail's hold link: a token of purpose `hold` whose subject is the edition, valid until the end of the
 * edition's week in the configured time zone, or two days when that is sooner (after the send a hold is refused
 * anyway: see holdByLink).
 */
export function holdUrl(publicUrl: string, ring: KeyRing, edition: string, timeZone: string, now: number): string {
  const expiresAt = Math.max(editionStart(nextEdition(edition), timeZone), now + HOLD_LINK_MIN_MS);
  const token = issueToken(ring, { purpose: 'hold', subscriberId: edition, issuedAt: now, expiresAt });
  return `${publicUrl}/hold?token=${token}`;
}

function editionOf(deps: HoldLinkDeps, token: string): string {
  const edition = verifyToken(deps.ring, token, 'hold', deps.now()).subscriberId;
  if (!/^\d{4}-W\d{2}$/.test(edition)) throw new InvalidTokenError('malformed');
  return edition;
}

/** For `GET /hold`: checks the token and reads where the edition stands; changes nothing. */
export async function inspectHoldLink(
  deps: HoldLinkDeps,
  token: string,
): Promise<{ edition: string; state: HoldLinkState }> {
  const edition = editionOf(deps, token);
  const [held, started] = await Promise.all([deps.holds.isHeld(edition), deps.sends.get(edition)]);
  return { edition, state: started ? 'started' : held ? 'held' : 'open' };
}

/** For `POST /hold`: holds the token's edition (idempotent); `started` when its send began already. */
export async function holdByLink(
  deps: HoldLinkDeps,
  token: string,
): Promise<{ edition: string; state: HoldLinkState }> {
  const edition = editionOf(deps, token);
  try {
    await holdEdition(deps, edition, 'hold-link');
    return { edition, state: 'held' };
  } catch (error) {
    if (error instanceof ConflictError) return { edition, state: 'started' };
    throw error;
  }
}
