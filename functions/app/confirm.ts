import { consentNetwork } from '../core/client-address.ts';
import { editionAt } from '../core/edition.ts';
import { InvalidTokenError } from '../core/errors.ts';
import { hashClientAddress } from '../core/identity.ts';
import type { Language } from '../core/language.ts';
import { applyConfirm } from '../core/lifecycle.ts';
import { isExpired, type Subscription } from '../core/subscription.ts';
import { verifyToken } from '../core/tokens.ts';
import { manageUrl } from './links.ts';
import { withOptimisticRetry } from './optimistic-retry.ts';
import type { SubscriptionDeps } from './subscription-deps.ts';

/** Finds the subscription a confirm token names and checks the token still applies; changes nothing. */
async function resolve(deps: SubscriptionDeps, token: unknown): Promise<Subscription> {
  const now = deps.now();
  const claims = verifyToken(deps.ring, token, 'confirm', now);
  const sub = await deps.store.get(claims.subscriberId);
  if (!sub) throw new InvalidTokenError('not_found');
  // A link issued before the latest unsubscribe never re-subscribes.
  if (sub.unsubscribedAt !== undefined && claims.issuedAt < sub.unsubscribedAt)
    throw new InvalidTokenError('superseded');
  if (sub.status === 'confirmed') return sub;
  if (sub.status !== 'pending') throw new InvalidTokenError('superseded');
  if (isExpired(sub, now)) throw new InvalidTokenError('expired');
  // The link confirms the request it was mailed for: issued at that request's time. A later request (another
  // language, another consent) came with its own e-mail and voids this one. Records from before requests were
  // numbered carry no requestId and accept their links as before.
  if (sub.consent.requestId !== undefined && claims.issuedAt !== sub.consent.requestedAt)
    throw new InvalidTokenError('superseded');
  return sub;
}

/** For `GET /confirm`: validates the link and tells the page's language. Writes nothing (mail scanners). */
export async function inspectConfirmToken(deps: SubscriptionDeps, token: unknown): Promise<{ language: Language }> {
  const sub = await resolve(deps, token);
  return { language: sub.language };
}

/** Who sent the confirming request: kept as consent evidence only as a keyed hash of its network. */
export interface ConfirmEvidence {
  readonly clientAddress: string;
}

/** For `POST /confirm`: confirms the subscription, recording the confirmation's evidence; twice is a success. */
export async function confirm(
  deps: SubscriptionDeps,
  token: unknown,
  evidence: ConfirmEvidence,
): Promise<{ language: Language; manageUrl: string; subscription: Subscription }> {
  const proof = { networkHash: hashClientAddress(deps.idKey, consentNetwork(evidence.clientAddress)) };
  const sub = await withOptimisticRetry(async () => {
    const current = await resolve(deps, token);
    if (current.status === 'confirmed') return current;
    const next = applyConfirm(current, deps.now(), proof);
    if (!next) throw new InvalidTokenError('superseded');
    return deps.store.save(next);
  });
  // A reader who erased their data and came back: the suppression marker goes with the new confirmation.
  await deps.erasures.clear(sub.id);
  // Also when it was confirmed before: the mark is idempotent, and its week is the confirmation's own.
  if (sub.confirmedAt !== undefined)
    await deps.weeks.mark(editionAt(sub.confirmedAt, deps.timeZone), sub.id, 'confirmed', deps.now());
  deps.log.info('confirmed', { subscriberId: sub.id, language: sub.language });
  return {
    language: sub.language,
    manageUrl: manageUrl(deps.publicUrl, deps.ring, sub.id, deps.now()),
    subscription: sub,
  };
}
