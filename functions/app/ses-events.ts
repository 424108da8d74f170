import { normalizeEmail } from '../core/email.ts';
import { subscriberIdFor } from '../core/identity.ts';
import { applyFeedback, applyTransientBounce } from '../core/lifecycle.ts';
import { withOptimisticRetry } from './optimistic-retry.ts';
import type { DeliveryStore } from './ports/delivery-store.ts';
import type { FeedbackSets } from './ports/feedback-sets.ts';
import type { Log } from './ports/log.ts';
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

/** Dependencies of applySesEvent. */
export interface SesEventDeps {
  readonly store: SubscriberStore;
  readonly deliveries: Pick<DeliveryStore, 'feedback'>;
  readonly feedback: Pick<FeedbackSets, 'mark'>;
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
 * transient bounce is only counted. The edition's delivery record is updated, and the reader put in the edition's
 * bounce or complaint set the report counts.
 */
export async function applySesEvent(deps: SesEventDeps, feedback: MailFeedback): Promise<void> {
  const event = feedback.kind === 'complaint' ? 'complain' : 'bounce';
  for (const id of idsOf(deps, feedback)) {
    await withOptimisticRetry(async () => {
      const sub = await deps.store.get(id);
      if (!sub) return;
      const next =
        feedback.kind === 'transient-bounce'
          ? applyTransientBounce(sub, deps.now())
          : applyFeedback(sub, event, deps.now());
      if (next !== sub) await deps.store.save(next);
    });
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
