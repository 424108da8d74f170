import { normalizeEmail } from '../core/email.ts';
import { subscriberIdFor } from '../core/identity.ts';
import { applyFeedback, applyTransientBounce } from '../core/lifecycle.ts';
import { applySoftBounce, DEFAULT_SOFT_BOUNCE_LIMIT } from '../core/soft-bounce.ts';
import type { Subscription } from '../core/subscription.ts';
import { withOptimisticRetry } from './optimistic-retry.ts';
import type { DeliveryStore } from './ports/delivery-store.ts';
import type { FeedbackSets } from './ports/feedback-sets.ts';
import type { Log } from './ports/log.ts';
import type { MailTags } from './ports/mailer.ts';
import type { SubscriberStore } from './ports/subscriber-store.ts';

/** An SES bounce or complaint, converted at the edge from the EventBridge or SNS payload. */
export interface MailFeedback {
  readonly kind: 'permanent-bounce' | 'transient-bounce' | 'complaint';
  /** The recipients the feedback is about. */
  readonly recipients: readonly string[];
  /** From the message tags, when the e-mail was a digest. */
  readonly edition?: string;
  readonly subscriberId?: string;
}

/** SES gives each message tag back as a list of values. */
export type ReturnedTags = Readonly<Partial<Record<keyof MailTags, readonly string[]>>>;

/** The edition and reader an event is about, read back from the tags the e-mail was sent with. */
export function feedbackContext(tags: ReturnedTags | undefined): Pick<MailFeedback, 'edition' | 'subscriberId'> {
  const edition = tags?.edition?.[0];
  const subscriberId = tags?.subscriber?.[0];
  return { ...(edition ? { edition } : {}), ...(subscriberId ? { subscriberId } : {}) };
}

/** Dependencies of applySesEvent. */
export interface SesEventDeps {
  readonly store: SubscriberStore;
  readonly deliveries: Pick<DeliveryStore, 'feedback'>;
  readonly feedback: Pick<FeedbackSets, 'mark' | 'markSuppressed'>;
  /** K: consecutive editions with a soft bounce after which the reader is suppressed (SOFT_BOUNCE_LIMIT). */
  readonly softBounceLimit?: number;
  readonly idKey: Uint8Array;
  readonly now: () => number;
  readonly log: Log;
}

function idsOf(deps: SesEventDeps, feedback: MailFeedback): string[] {
  const ids = new Set<string>();
  for (const address of feedback.recipients) {
    try {
      ids.add(subscriberIdFor(deps.idKey, normalizeEmail(address).key));
    } catch {
      // An address SES reports that we could never have stored: nothing to change.
    }
  }
  if (ids.size === 0 && feedback.subscriberId) ids.add(feedback.subscriberId);
  return [...ids];
}

/**
 * A permanent bounce makes the reader `bounced`, a complaint `complained` (both leave every later send); a
 * transient bounce of a digest extends the reader's run of soft-bouncing editions (core/soft-bounce.ts: the same
 * edition counts once), and the K-th makes the reader `bounced` and puts them in the edition's suppressed set; a
 * transient bounce of any other e-mail is only counted. The edition's delivery record is updated, and the reader put in the edition's
 * bounce or complaint set the report counts.
 */
export async function applySesEvent(deps: SesEventDeps, feedback: MailFeedback): Promise<void> {
  const event = feedback.kind === 'complaint' ? 'complain' : 'bounce';
  for (const id of idsOf(deps, feedback)) {
    let latest: Subscription | undefined;
    await withOptimisticRetry(async () => {
      const sub = await deps.store.get(id);
      if (!sub) return;
      const soft =
        feedback.kind === 'transient-bounce' && feedback.edition
          ? applySoftBounce(sub, feedback.edition, deps.softBounceLimit ?? DEFAULT_SOFT_BOUNCE_LIMIT, deps.now())
          : undefined;
      const next = soft
        ? soft.next
        : feedback.kind === 'transient-bounce'
          ? applyTransientBounce(sub, deps.now())
          : applyFeedback(sub, event, deps.now());
      latest = next === sub ? sub : await deps.store.save(next);
    });
    // Read from the stored record, so a redelivered event whose first try died after the save still counts (once).
    const run = latest?.softBounces;
    if (latest && feedback.kind === 'transient-bounce' && run?.suppressed && run.lastEdition === feedback.edition)
      await deps.feedback.markSuppressed(run.lastEdition, id, latest.language, deps.now());
    if (feedback.edition) {
      const outcome =
        feedback.kind === 'complaint' ? 'complained' : feedback.kind === 'permanent-bounce' ? 'bounced' : 'transient';
      const language = await deps.deliveries.feedback(feedback.edition, id, outcome);
      // The report's count: a set of reader ids, so this event applied again (a queue retry) counts once.
      if (language && outcome !== 'transient')
        await deps.feedback.mark(feedback.edition, id, language, outcome, deps.now());
    }
    deps.log.info('ses feedback applied', { subscriberId: id, kind: feedback.kind, edition: feedback.edition });
  }
}
