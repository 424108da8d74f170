import type { Subscription } from '../core/subscription.ts';
import type { KeyRing } from '../core/tokens.ts';

/** Reads and conditionally writes subscriptions (see DynamoSubscriberRepository). */
export interface SubscriberStore {
  get(id: string): Promise<Subscription | undefined>;
  /** Stores if the stored version is still `sub.version`; throws ConcurrentUpdateError otherwise. */
  save(sub: Subscription): Promise<Subscription>;
}

/** Hands an e-mail over for delivery; throws SendFailure. */
export interface Mailer {
  send(mail: {
    to: string;
    /** The From display name (the address stays the configured sender's). */
    fromName?: string;
    subject: string;
    html: string;
    text: string;
    headers?: readonly { name: string; value: string }[];
    tags?: Readonly<Record<string, string>>;
  }): Promise<{ messageId: string }>;
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

/** Retries a read-decide-write step when a concurrent writer won, re-reading each time. */
export async function withOptimisticRetry<T>(attempt: () => Promise<T>, tries = 12): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if ((error as Error).name !== 'ConcurrentUpdateError' || i >= tries) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * i));
    }
  }
}
