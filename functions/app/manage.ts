import { editionAt } from '../core/edition.ts';
import { InvalidTokenError } from '../core/errors.ts';
import type { Language } from '../core/language.ts';
import { applyLanguage, applyUnsubscribe } from '../core/lifecycle.ts';
import type { Status } from '../core/subscription.ts';
import { verifyToken } from '../core/tokens.ts';
import { withOptimisticRetry } from './optimistic-retry.ts';
import type { SubscriptionDeps } from './subscription-deps.ts';

/** What the manage page shows; undefined language when the record was erased. */
export interface ManageView {
  readonly language?: Language;
  readonly status?: Status;
}

/** For `GET /unsubscribe`: validates the manage link and reads the reader's state. Writes nothing. */
export async function inspectManageToken(deps: SubscriptionDeps, token: unknown): Promise<ManageView> {
  const claims = verifyToken(deps.ring, token, 'manage', deps.now());
  const sub = await deps.store.get(claims.subscriberId);
  return sub ? { language: sub.language, status: sub.status } : {};
}

/** One-click unsubscribe (RFC 8058) and the page's button: at once, idempotent, also for erased readers. */
export async function unsubscribe(deps: SubscriptionDeps, token: unknown): Promise<ManageView> {
  const claims = verifyToken(deps.ring, token, 'manage', deps.now());
  return unsubscribeReader(deps, claims.subscriberId);
}

/**
 * Unsubscribes the reader a verified token or mailto address named: idempotent; an erased reader gives an empty view
 * and nothing is written.
 */
export async function unsubscribeReader(
  deps: Pick<SubscriptionDeps, 'store' | 'now' | 'log' | 'weeks' | 'timeZone'>,
  subscriberId: string,
): Promise<ManageView> {
  const result = await withOptimisticRetry(async () => {
    const sub = await deps.store.get(subscriberId);
    if (!sub) return undefined;
    const next = applyUnsubscribe(sub, deps.now());
    return next === sub ? sub : deps.store.save(next);
  });
  // Also when it was unsubscribed before: the mark is idempotent, and its week is the unsubscribe's own.
  if (result?.status === 'unsubscribed' && result.unsubscribedAt !== undefined)
    await deps.weeks.mark(editionAt(result.unsubscribedAt, deps.timeZone), subscriberId, 'unsubscribed', deps.now());
  deps.log.info('unsubscribed', { subscriberId, found: result !== undefined });
  return result ? { language: result.language, status: result.status } : {};
}

/** Switches the language of the reader's future e-mails. */
export async function changeLanguage(deps: SubscriptionDeps, token: unknown, language: Language): Promise<ManageView> {
  const claims = verifyToken(deps.ring, token, 'manage', deps.now());
  const result = await withOptimisticRetry(async () => {
    const sub = await deps.store.get(claims.subscriberId);
    if (!sub) throw new InvalidTokenError('not_found');
    const next = applyLanguage(sub, language, deps.now());
    return next === sub ? sub : deps.store.save(next);
  });
  deps.log.info('language changed', { subscriberId: result.id, language });
  return { language: result.language, status: result.status };
}
