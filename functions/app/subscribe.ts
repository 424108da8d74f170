import { randomUUID } from 'node:crypto';
import { clientNetwork, consentNetwork } from '../core/client-address.ts';
import { normalizeEmail } from '../core/email.ts';
import { hashClientAddress } from '../core/identity.ts';
import { type ConfirmationRequest, SOURCE_MAX } from '../core/queue-messages.ts';
import { type Signup, signupAnswers } from '../core/signup-form.ts';
import type { ConfirmationQueue } from './ports/confirmation-queue.ts';
import type { RateLimiter } from './ports/rate-limiter.ts';
import type { RequestSealer } from './ports/request-sealer.ts';
import type { SubscriptionDeps } from './subscription-deps.ts';

/** Dependencies of subscribe. */
export interface SubscribeDeps extends Pick<SubscriptionDeps, 'idKey' | 'now' | 'log'> {
  readonly rateLimiter: RateLimiter;
  readonly confirmations: ConfirmationQueue;
  /** Seals the address into the queued request (this function can seal it, not open it). */
  readonly sealer: RequestSealer;
  readonly policy: { readonly consentTextVersion: string };
}

/** A subscribe request as the edge hands it over: the signup form's fields (core/signup-form.ts) and where from. */
export interface SubscribeInput extends Readonly<Signup> {
  /** Only hashed, by network, never kept or logged as it is. */
  readonly clientAddress: string;
  readonly source: string;
}

/**
 * Validates a subscribe request, counts it against its client and queues it for the confirmation e-mail. It reads
 * nothing about the address, so the answer, and the time it takes, are the same whatever the address's state; the
 * queue's consumer decides what to store and mail, and retries a failed send.
 */
export async function subscribe(deps: SubscribeDeps, input: SubscribeInput): Promise<void> {
  const networkHash = hashClientAddress(deps.idKey, consentNetwork(input.clientAddress));
  // Bots get the normal answer whatever they typed; nothing is stored or sent.
  if (input.website) {
    deps.log.info('honeypot filled; request dropped', { networkHash });
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
  const answers = signupAnswers(input);
  const request: ConfirmationRequest = {
    requestId,
    address: deps.sealer.seal(address, requestId),
    language: input.language,
    networkHash,
    source: input.source.slice(0, SOURCE_MAX),
    textVersion: deps.policy.consentTextVersion,
    requestedAt: deps.now(),
    ...(answers ? { answers } : {}),
  };
  await deps.confirmations.enqueue(request);
  deps.log.info('subscribe: queued', { requestId: request.requestId });
}
