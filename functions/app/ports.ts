import type { RenderedEmail } from '../core/rendered-email.ts';
import type { Subscription } from '../core/subscription.ts';
import type { KeyRing } from '../core/tokens.ts';

/** Reads and conditionally writes subscriptions (see DynamoSubscriberRepository). */
export interface SubscriberStore {
  get(id: string): Promise<Subscription | undefined>;
  /** Stores if the stored version is still `sub.version`; throws ConcurrentUpdateError otherwise. */
  save(sub: Subscription): Promise<Subscription>;
}

/** One e-mail as the use cases hand it over. */
export interface OutgoingEmail extends Readonly<RenderedEmail> {
  readonly to: string;
  readonly headers?: readonly { name: string; value: string }[];
  /** SES message tags, returned with bounce and complaint events. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Hands an e-mail over for delivery; throws SendFailure. */
export interface Mailer {
  send(mail: OutgoingEmail): Promise<{ messageId: string }>;
}

/** Minimal structured logger (Powertools Logger fits); never give it a raw e-mail address. */
export interface Log {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
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
