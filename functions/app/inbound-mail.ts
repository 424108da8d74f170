import { normalizeEmail } from '../core/email.ts';
import { subscriberIdFor } from '../core/identity.ts';
import { applyFeedback } from '../core/lifecycle.ts';
import { readUnsubscribeAddress } from '../core/mailbox.ts';
import type { KeyRing } from '../core/tokens.ts';
import { unsubscribeReader } from './manage.ts';
import { withOptimisticRetry } from './optimistic-retry.ts';
import type { Log } from './ports/log.ts';
import type { ReaderWeeks } from './ports/reader-weeks.ts';
import type { SubscriberStore } from './ports/subscriber-store.ts';

/** A received message as plain facts, converted from MIME at the edge (functions/adapters/mime-mail.ts). */
export interface InboundMail {
  /** The envelope recipients (SMTP RCPT TO, the SES receipt's recipients): who the message was delivered to. */
  readonly recipients: readonly string[];
  /** The `report-type` of a top-level `multipart/report` (`feedback-report`, `delivery-status`, ...). */
  readonly reportType?: string;
  /** Auto-Submitted other than `no`, or another auto-responder's mark. */
  readonly autoSubmitted: boolean;
  /** An empty envelope sender (`MAIL FROM:<>`), as bounces have. */
  readonly nullSender: boolean;
  /**
   * The domains the receiving service found SPF or DKIM to pass for (SES receiving's verdicts on AWS); absent or
   * empty when nothing was checked, as on the local SMTP stand-in: taken as failed.
   */
  readonly authenticatedDomains?: readonly string[];
  /** Of a feedback report: the original message's List-Unsubscribe mailto addresses and the Original-Rcpt-To ones. */
  readonly feedback?: {
    readonly unsubscribeAddresses: readonly string[];
    readonly originalRecipients: readonly string[];
  };
}

/** Why a message changed nothing; each is counted. */
export type DropReason =
  | 'oversized'
  | 'malformed'
  | 'auto-reply'
  | 'bounce'
  | 'forged-token'
  | 'unknown-reader'
  | 'unauthenticated-report'
  | 'stray';

/** What one received message came to. */
export type InboundOutcome =
  | { readonly action: 'unsubscribed' | 'complained'; readonly subscriberId: string }
  | { readonly action: 'dropped'; readonly reason: DropReason };

/** Dependencies of receiveMail. */
export interface InboundDeps {
  readonly store: SubscriberStore;
  readonly ring: KeyRing;
  readonly idKey: Uint8Array;
  readonly now: () => number;
  readonly log: Log;
  /** Where an unsubscribe by mail marks its week (the report's weekly counts), in the editions' time zone. */
  readonly weeks: ReaderWeeks;
  readonly timeZone: string;
  /** The domain mail is received for (the readers' unsubscribe addresses live there). */
  readonly inboundDomain: string;
  /** Feedback-loop senders (e.g. `mail.ru`) whose reports may name a reader by Original-Rcpt-To alone. */
  readonly feedbackLoopDomains: readonly string[];
}

type Named = { id: string } | { reason: DropReason };

/** The reader among these addresses: a verified unsubscribe address names them; a forged one names nobody. */
function readerOf(deps: InboundDeps, addresses: readonly string[]): Named | undefined {
  let forged = false;
  for (const address of addresses) {
    const reading = readUnsubscribeAddress(deps.ring, address, deps.inboundDomain);
    if (reading.kind === 'reader') return { id: reading.subscriberId };
    if (reading.kind === 'forged') forged = true;
  }
  return forged ? { reason: 'forged-token' } : undefined;
}

/** True when SPF or DKIM passed for an allowlisted feedback-loop sender (the domain itself or a subdomain). */
export function fromFeedbackLoop(allowlist: readonly string[], authenticated: readonly string[] = []): boolean {
  return authenticated.some((d) => {
    const domain = d.toLowerCase();
    return allowlist.some((a) => domain === a.toLowerCase() || domain.endsWith(`.${a.toLowerCase()}`));
  });
}

function complainedReader(deps: InboundDeps, mail: InboundMail, feedback: NonNullable<InboundMail['feedback']>): Named {
  // The signed List-Unsubscribe address of the original wins (Yahoo and others redact the recipient). Anyone can
  // write an Original-Rcpt-To: it names a reader only in a report that passed SPF or DKIM for a feedback loop.
  const named = readerOf(deps, feedback.unsubscribeAddresses);
  if (named) return named;
  if (!fromFeedbackLoop(deps.feedbackLoopDomains, mail.authenticatedDomains))
    return { reason: 'unauthenticated-report' };
  for (const address of feedback.originalRecipients) {
    try {
      return { id: subscriberIdFor(deps.idKey, normalizeEmail(address).key) };
    } catch {
      // A redacted or malformed address names nobody.
    }
  }
  return { reason: 'unknown-reader' };
}

async function complain(deps: InboundDeps, id: string): Promise<boolean> {
  return withOptimisticRetry(async () => {
    const sub = await deps.store.get(id);
    if (!sub) return false;
    const next = applyFeedback(sub, 'complain', deps.now());
    if (next !== sub) await deps.store.save(next);
    return true;
  });
}

async function decide(deps: InboundDeps, mail: InboundMail): Promise<InboundOutcome> {
  const drop = (reason: DropReason): InboundOutcome => ({ action: 'dropped', reason });
  // A feedback report is auto-submitted by nature: it is recognised before auto-replies are set aside.
  if (mail.reportType === 'feedback-report') {
    if (!mail.feedback) return drop('malformed');
    const named = complainedReader(deps, mail, mail.feedback);
    if ('reason' in named) return drop(named.reason);
    return (await complain(deps, named.id)) ? { action: 'complained', subscriberId: named.id } : drop('unknown-reader');
  }
  if (mail.reportType !== undefined || mail.nullSender) return drop('bounce');
  if (mail.autoSubmitted) return drop('auto-reply');
  const named = readerOf(deps, mail.recipients);
  if (!named) return drop('stray');
  if ('reason' in named) return drop(named.reason);
  const view = await unsubscribeReader(deps, named.id);
  return view.status ? { action: 'unsubscribed', subscriberId: named.id } : drop('unknown-reader');
}

/**
 * Acts on one received message: mail to a reader's unsubscribe address unsubscribes them (idempotent, the one-click
 * route's use case); a feedback report (RFC 5965) marks `complained` the reader its original's signed address names
 * (or its Original-Rcpt-To, when the report passed SPF or DKIM for an allowlisted feedback-loop sender). Auto-replies, bounces,
 * forged or unknown addresses and stray mail change nothing and are logged as dropped, with the reason, to be counted.
 */
export async function receiveMail(deps: InboundDeps, mail: InboundMail): Promise<InboundOutcome> {
  const outcome = await decide(deps, mail);
  logOutcome(deps.log, outcome);
  return outcome;
}

/** Logs an outcome as the one line the dropped-mail metric counts (`inbound: dropped`, by reason). */
export function logOutcome(log: Log, outcome: InboundOutcome): void {
  if (outcome.action === 'dropped') log.info('inbound: dropped', { reason: outcome.reason });
  else log.info(`inbound: ${outcome.action}`, { subscriberId: outcome.subscriberId });
}
