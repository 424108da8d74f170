import { InvalidTokenError } from '../core/errors.ts';
import type { Language } from '../core/language.ts';
import { applyConfirm } from '../core/lifecycle.ts';
import { isExpired, type Subscription } from '../core/subscription.ts';
import { verifyToken } from '../core/tokens.ts';
import { manageUrl } from './links.ts';
import { withOptimisticRetry } from './optimistic-retry.ts';
import type { SubscriptionDeps } from './ports.ts';

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
  return sub;
}

/** For `GET /confirm`: validates the link and tells the page's language. Writes nothing (mail scanners). */
export async function inspectConfirmToken(deps: SubscriptionDeps, token: unknown): Promise<{ language: Language }> {
  const sub = await resolve(deps, token);
  return { language: sub.language };
}

/** For `POST /confirm`: confirms the subscription; confirming twice is a success. */
export async function confirm(
  deps: SubscriptionDeps,
  token: unknown,
): Promise<{ language: Language; manageUrl: string; subscription: Subscription }> {
  const sub = await withOptimisticRetry(async () => {
    const current = await resolve(deps, token);
    if (current.status === 'confirmed') return current;
    const next = applyConfirm(current, deps.now());
    if (!next) throw new InvalidTokenError('superseded');
    return deps.store.save(next);
  });
  deps.log.info('confirmed', { subscriberId: sub.id, language: sub.language });
  return {
    language: sub.language,
    manageUrl: manageUrl(deps.publicUrl, deps.ring, sub.id, deps.now()),
    subscription: sub,
  };
}
