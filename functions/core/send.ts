import type { SkipReason } from './digest-view.ts';
import type { Language } from './language.ts';

/**
 * Where one (edition, subscriber) delivery stands. `retry` may be claimed again; `sending` is a claim as records held
 * it before claims moved to the reader's item (still read: a record from then may be settled over).
 */
export const DeliveryStatus = {
  sending: 'sending',
  retry: 'retry',
  sent: 'sent',
  failed: 'failed',
  skipped: 'skipped',
  bounced: 'bounced',
  complained: 'complained',
  /** Handed to SES but its answer was lost: maybe sent, never sent again automatically. */
  uncertain: 'uncertain',
} as const;
export type DeliveryStatus = (typeof DeliveryStatus)[keyof typeof DeliveryStatus];

/**
 * What the report keeps of an erased reader's delivery, under an id no reader has: the outcome without the reader's
 * feedback (erasure forgets it), and a claim still under way as skipped (the deliverer finds the reader gone).
 */
export function erasedOutcome(status: DeliveryStatus): DeliveryStatus {
  if (status === 'sending' || status === 'retry') return 'skipped';
  return status === 'bounced' || status === 'complained' ? 'sent' : status;
}

/** The id of an erased reader's delivery record: from the record's own random claim id, never from the reader. */
export function erasedId(claimId: string): string {
  return `erased-${claimId}`;
}

/** A delivery record as stored, one per (edition, subscriber). */
export interface Delivery {
  readonly subscriberId: string;
  readonly language: Language;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly transientBounces?: number;
}

/** The per-language figures of one edition's send. */
export interface LanguageReport {
  planned: number;
  sent: number;
  failed: number;
  skipped: number;
  bounced: number;
  complained: number;
  /** Handed to SES whose answer was lost (a 5xx, a cut connection): maybe delivered, never resent automatically. */
  uncertain: number;
  /** Given back for a retry (throttled, a transient error): not handed to SES yet. */
  pending: number;
  /**
   * Planned but not settled: still on the queue or in its dead-letter queue, or claimed by a consumer under way (or
   * one that died: its claim is on the reader's item, the record is written when it settles).
   */
  unhandled: number;
}

/** Adds delivery records up per language; `planned` comes from the send record. */
export function summarize(
  planned: Partial<Record<Language, number>>,
  deliveries: Iterable<Delivery>,
): Partial<Record<Language, LanguageReport>> {
  const out: Partial<Record<Language, LanguageReport>> = {};
  const row = (l: Language) => {
    out[l] ??= {
      planned: planned[l] ?? 0,
      sent: 0,
      failed: 0,
      skipped: 0,
      bounced: 0,
      complained: 0,
      uncertain: 0,
      pending: 0,
      unhandled: 0,
    };
    return out[l];
  };
  for (const l of Object.keys(planned) as Language[]) row(l);
  for (const d of deliveries) {
    const r = row(d.language);
    if (d.status === 'sending' || d.status === 'retry') r.pending++;
    else if (d.status === 'bounced' || d.status === 'complained') {
      // A bounced or complained e-mail was sent first.
      r.sent++;
      r[d.status]++;
    } else r[d.status]++;
  }
  for (const r of Object.values(out))
    r.unhandled = Math.max(0, r.planned - r.sent - r.failed - r.skipped - r.uncertain - r.pending);
  return out;
}

/** How long a batch keeps putting itself back while SES refuses (a sending pause, throttling) before its retries
 * count towards the dead-letter queue: longer than the 24 hours a sending pause may last. */
export const DEFERRAL_BUDGET_MS = 48 * 3_600_000;

/** SQS's longest message delay. */
export const MAX_DELAY_SECONDS = 900;

/** When a held claim is looked at again: a minute past the claim timeout, within SQS's longest delay. */
export function recheckDelaySeconds(claimTimeoutMs: number): number {
  return Math.min(MAX_DELAY_SECONDS, Math.ceil(claimTimeoutMs / 1000) + 60);
}

/** Seconds a throttled or failed batch waits before its next try: exponential with full jitter, capped. */
export function backoffSeconds(receiveCount: number, random: number, capSeconds = MAX_DELAY_SECONDS): number {
  const ceiling = Math.min(capSeconds, 2 ** Math.min(receiveCount, 10) * 5);
  return Math.max(1, Math.round(ceiling * random));
}

/** Why a batch comes back later (see deliverBatch). */
export type RetryReason = 'throttled' | 'quota' | 'transient' | 'blocked' | 'not-rendered' | 'out-of-time';

/**
 * Seconds until a batch that must come back is received again: at once when it ran out of time; SQS's longest delay
 * (a little jitter off it) when SES's 24-hour quota is spent, since the window frees over hours; else back-off.
 */
export function retryDelaySeconds(reason: RetryReason, receiveCount: number, random: number): number {
  if (reason === 'quota') return Math.round(MAX_DELAY_SECONDS * (0.8 + 0.2 * random));
  return reason === 'out-of-time' ? 1 : backoffSeconds(receiveCount, random);
}

/** An edition's send: created once (the guard against a second start), then its dispatch checkpoint. */
export interface SendRecord {
  readonly edition: string;
  readonly status: 'dispatching' | 'dispatched';
  readonly owner: string;
  readonly leaseUntil: number;
  readonly startedAt: number;
  readonly languages: Partial<Record<Language, { source?: Language }>>;
  readonly skipped: readonly Language[];
  /** Why each skipped language is not sent (absent in records from before reasons were kept). */
  readonly why?: Partial<Record<Language, SkipReason>>;
  /** Per language, the keys of the items the editors removed from the edition (only languages with some). */
  readonly removed?: Partial<Record<Language, readonly string[]>>;
  readonly planned: Partial<Record<Language, number>>;
  /** Per `<language>#<shard>`: the last subscriber id put on the queue, or `done`. */
  readonly checkpoint: Record<string, string>;
}
