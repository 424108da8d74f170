import type { EditionSummary, FeedbackCounts, FeedbackKind } from '../core/edition-summary.ts';
import type { Language } from '../core/language.ts';
import type { RenderedEmail } from '../core/rendered-email.ts';
import type { Delivery, DeliveryBatch, DeliveryStatus } from '../core/send.ts';
import type { Subscription } from '../core/subscription.ts';
import type { KeyRing } from '../core/tokens.ts';

/** Reads and conditionally writes subscriptions (DynamoSubscriberRepository). */
export interface SubscriberStore {
  get(id: string): Promise<Subscription | undefined>;
  /** Stores if the stored version is still `sub.version`; throws ConcurrentUpdateError otherwise. */
  save(sub: Subscription): Promise<Subscription>;
}

/** One e-mail as the use cases hand it over. */
export interface OutgoingEmail extends Readonly<RenderedEmail> {
  readonly to: string;
  /** The From display name; the address stays the configured sender's. */
  readonly fromName?: string;
  readonly headers?: readonly { name: string; value: string }[];
  /** SES message tags, returned with bounce and complaint events. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Hands an e-mail over for delivery; throws SendFailure (SesMailer). */
export interface Mailer {
  send(mail: OutgoingEmail): Promise<{ messageId: string }>;
}

/** Minimal structured logger (Powertools Logger fits); never give it a raw e-mail address. */
export interface Log {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

/** An edition's rendered digests, one per language: dispatch stores them, deliver reads them (DynamoRenders). */
export interface RenderStore {
  /** Stores a language's digest unless one is stored already; returns the stored one. */
  put(edition: string, language: Language, rendered: RenderedEmail): Promise<RenderedEmail>;
  /** A language's digest (strongly consistent), or undefined. */
  get(edition: string, language: Language): Promise<RenderedEmail | undefined>;
}

/** Outcome of a settle beyond its status: message id, reason, language sent in. */
export type DeliveryDetails = Record<string, string | number>;

/** What a claim came to: this consumer's now, another's live claim (made after the stale limit), or done. */
export type Claim = 'claimed' | 'held' | 'settled';

/** The per-reader delivery records of an edition: deliver claims and settles, SES events and the report read. */
export interface DeliveryStore {
  /** Claims one reader's delivery unless it is settled or claimed elsewhere after `staleBefore`. */
  claim(edition: string, subscriberId: string, language: Language, now: number, staleBefore: number): Promise<Claim>;
  /** Records the outcome of a claimed delivery; nothing when there is no record (the reader was erased). */
  settle(edition: string, subscriberId: string, status: DeliveryStatus, details?: DeliveryDetails): Promise<void>;
  /** Removes a claim without trace (its reader was erased meanwhile). */
  discard(edition: string, subscriberId: string): Promise<void>;
  /**
   * Marks a sent delivery bounced or complained, or counts a transient bounce; gives the record's language, or
   * undefined when there is no record (nothing changed).
   */
  feedback(
    edition: string,
    subscriberId: string,
    feedback: 'bounced' | 'complained' | 'transient',
  ): Promise<Language | undefined>;
  /** Every delivery record of an edition. */
  list(edition: string): Promise<Delivery[]>;
}

/** A completed edition's summary, next to its send record (DynamoEditionSummaries). */
export interface SummaryStore {
  /** The summary (strongly consistent), or undefined before the edition completed. */
  get(edition: string): Promise<EditionSummary | undefined>;
  /** Stores the summary unless one is stored: a completion seen again changes nothing. */
  put(edition: string, summary: EditionSummary): Promise<void>;
}

/** Which readers of an edition bounced or complained, per language, as sets: an event seen twice counts once. */
export interface FeedbackSets {
  /** Puts the reader in the edition's set of `kind` in `language` and takes them out of the other kind's. */
  mark(edition: string, subscriberId: string, language: Language, kind: FeedbackKind, now: number): Promise<void>;
  /** Per language, the sizes of the edition's sets (a few reads, however many readers). */
  counts(edition: string): Promise<FeedbackCounts>;
  /** Takes the reader out of every set of the given editions (erasure). */
  forget(subscriberId: string, editions: readonly string[]): Promise<void>;
}

/** Puts delivery batches on the queue (SQS on AWS, in-process locally): dispatch queues, the deliverer re-queues. */
export interface SendQueue {
  /** Queues a batch, visible to consumers after `delaySeconds` (at most 900). */
  enqueue(batch: DeliveryBatch, delaySeconds?: number): Promise<void>;
  /** Queues many batches at once, visible at once (on SQS ten to a SendMessageBatch call): dispatch's pages. */
  enqueueMany(batches: readonly DeliveryBatch[]): Promise<void>;
}

/** What every subscription use case needs. */
export interface SubscriptionDeps {
  readonly store: SubscriberStore;
  readonly ring: KeyRing;
  readonly idKey: Uint8Array;
  readonly now: () => number;
  readonly publicUrl: string;
  readonly log: Log;
}
