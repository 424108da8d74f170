import { applyFeedback } from './lifecycle.ts';
import type { Subscription } from './subscription.ts';

/**
 * A reader's run of editions that soft-bounced, kept on the reader record (no address, only edition names).
 * `lastEdition` is the last edition counted: a transient bounce for that same edition again (SES redelivering the
 * event, a queue retry) changes nothing. `deliveredSince` is the first edition the deliverer handed SES for this
 * reader after `lastEdition`: when the next soft bounce is for another edition, that one went through without a
 * soft bounce, so the run starts again at 1.
 */
export interface SoftBounceStreak {
  readonly count: number;
  readonly lastEdition: string;
  readonly deliveredSince?: string;
  /** Set when this run made the reader `bounced` (in `lastEdition`, whose report counts it). */
  readonly suppressed?: true;
}

/** Default K: a reader whose digests soft-bounced in this many consecutive editions is suppressed. */
export const DEFAULT_SOFT_BOUNCE_LIMIT = 3;

/**
 * Applies a transient bounce of `edition`'s digest: the reader record to store (the same object when nothing
 * changes) and whether this bounce made the reader `bounced` (the streak reached `limit`). Opens and clicks play no
 * part (there are none).
 */
export function applySoftBounce(
  sub: Subscription,
  edition: string,
  limit: number,
  now: number,
): { next: Subscription; suppressed: boolean } {
  const run = sub.softBounces;
  if (run?.lastEdition === edition) return { next: sub, suppressed: false };
  const continues = run !== undefined && (run.deliveredSince === undefined || run.deliveredSince === edition);
  const softBounces: SoftBounceStreak = { count: continues ? run.count + 1 : 1, lastEdition: edition };
  const counted: Subscription = {
    ...sub,
    softBounces,
    transientBounces: (sub.transientBounces ?? 0) + 1,
    updatedAt: now,
  };
  if (softBounces.count < limit || sub.status !== 'confirmed') return { next: counted, suppressed: false };
  const next = applyFeedback({ ...counted, softBounces: { ...softBounces, suppressed: true } }, 'bounce', now);
  return { next, suppressed: true };
}

/**
 * After `edition`'s digest was handed to SES: the reader record noting the delivery (undefined when there is nothing
 * to note: no streak, the streak's own edition, or an earlier delivery already noted).
 */
export function noteDelivered(sub: Subscription, edition: string, now: number): Subscription | undefined {
  const run = sub.softBounces;
  if (!run || run.lastEdition === edition || run.deliveredSince !== undefined) return undefined;
  return { ...sub, softBounces: { ...run, deliveredSince: edition }, updatedAt: now };
}
