import { randomUUID } from 'node:crypto';
import { clientNetwork } from '../core/client-address.ts';
import { normalizeEmail } from '../core/email.ts';
import { hashClientAddress } from '../core/identity.ts';
import type { Language } from '../core/language.ts';
import type { SubscriptionDeps } from './ports.ts';

/** Counts requests per client; throws TooManyRequestsError past the limit. */
export interface RateLimiter {
  hit(scope: string, clientKey: string, now: number): Promise<void>;
}

/** One subscribe request waiting for its e-mail (see sendConfirmation); carries no state of the address. */
export interface ConfirmationRequest {
  /** Unique per request: the subscription and the mailbox's cooldown slot remember which request they answer. */
  readonly requestId: string;
  /** The normalised address. */
  readonly email: string;
  readonly language: Language;
  readonly ipHash: string;
  readonly userAgent: string;
  readonly source: string;
  readonly textVersion: string;
}

/** Where subscribe leaves the requests to mail: SQS on AWS, an in-process queue locally. */
export interface ConfirmationQueue {
  enqueue(request: ConfirmationRequest): Promise<void>;
}

/** Dependencies of subscribe. */
export interface SubscribeDeps extends Pick<SubscriptionDeps, 'idKey' | 'now' | 'log'> {
  readonly rateLimiter: RateLimiter;
  readonly confirmations: ConfirmationQueue;
  readonly policy: { readonly consentTextVersion: string };
}

/** A subscribe request as the edge hands it over. */
export interface SubscribeInput {
  readonly email: string;
  readonly language: Language;
  /** The honeypot field: filled in only by bots. */
  readonly website?: string;
  readonly clientAddress: string;
  readonly userAgent: string;
  readonly source: string;
}

/**
 * Validates a subscribe request, counts it against its client and queues it for the confirmation e-mail. It reads
 * nothing about the address, so the answer, and the time it takes, are the same whatever the address's state; the
 * queue's consumer decides what to store and mail, and retries a failed send.
 */
export async function subscribe(deps: SubscribeDeps, input: SubscribeInput): Promise<void> {
  const clientHash = hashClientAddress(deps.idKey, input.clientAddress);
  // Bots get the normal answer whatever they typed; nothing is stored or sent.
  if (input.website) {
    deps.log.info('honeypot filled; request dropped', { clientHash });
    return;
  }
  const { address } = normalizeEmail(input.email);
  // Counted per network: an IPv6 client picks any address of its /64.
  await deps.rateLimiter.hit(
    'subscribe',
    hashClientAddress(deps.idKey, clientNetwork(input.clientAddress)),
    deps.now(),
  );
  const requestId = randomUUID();
  await deps.confirmations.enqueue({
    requestId,
    email: address,
    language: input.language,
    ipHash: clientHash,
    userAgent: input.userAgent.slice(0, 256),
    source: input.source.slice(0, 512),
    textVersion: deps.policy.consentTextVersion,
  });
  deps.log.info('subscribe: queued', { requestId });
}
