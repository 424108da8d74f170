import { renderAlreadySubscribedEmail, renderConfirmationEmail } from '../../templates/emails.ts';
import { clientNetwork } from '../core/client-address.ts';
import { normalizeEmail } from '../core/email.ts';
import { hashClientAddress, subscriberIdFor } from '../core/identity.ts';
import type { Language } from '../core/language.ts';
import { decideSubscribe, type SubscribePolicy } from '../core/lifecycle.ts';
import { confirmUrl, manageUrl } from './links.ts';
import { withOptimisticRetry } from './optimistic-retry.ts';
import type { Mailer, SubscriptionDeps } from './ports.ts';

/** Counts requests per client; throws TooManyRequestsError past the limit. */
export interface RateLimiter {
  hit(scope: string, clientKey: string, now: number): Promise<void>;
}

/** Dependencies of subscribe. */
export interface SubscribeDeps extends SubscriptionDeps {
  readonly mailer: Mailer;
  readonly rateLimiter: RateLimiter;
  readonly policy: SubscribePolicy & { confirmTokenTtlMs: number; consentTextVersion: string };
  /** The From display name per language (the brand in that language when absent). */
  readonly senderNames?: Partial<Record<Language, string>>;
  readonly brandColour?: string;
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
 * Creates or refreshes a pending subscription and mails the confirmation (or, for a confirmed reader, an
 * "already subscribed" note), within the per-address cooldown. Its outcome is never shown to the caller.
 */
export async function subscribe(deps: SubscribeDeps, input: SubscribeInput): Promise<void> {
  const clientHash = hashClientAddress(deps.idKey, input.clientAddress);
  // Bots get the normal answer whatever they typed; nothing is stored or sent.
  if (input.website) {
    deps.log.info('honeypot filled; request dropped', { clientHash });
    return;
  }
  const { address, key } = normalizeEmail(input.email);
  const now = deps.now();
  // Counted per network: an IPv6 client picks any address of its /64.
  await deps.rateLimiter.hit('subscribe', hashClientAddress(deps.idKey, clientNetwork(input.clientAddress)), now);
  const id = subscriberIdFor(deps.idKey, key);
  const request = {
    id,
    email: address,
    language: input.language,
    consent: {
      ipHash: clientHash,
      userAgent: input.userAgent.slice(0, 256),
      source: input.source.slice(0, 512),
      textVersion: deps.policy.consentTextVersion,
    },
  };
  const decision = await withOptimisticRetry(async () => {
    const existing = await deps.store.get(id);
    const d = decideSubscribe(existing, request, now, deps.policy);
    const stored = d.next ? await deps.store.save(d.next) : existing;
    return { mail: d.mail, stored };
  });
  if (decision.mail === 'none' || !decision.stored) {
    deps.log.info('subscribe: no e-mail', { subscriberId: id });
    return;
  }
  const sub = decision.stored;
  const email =
    decision.mail === 'confirm'
      ? renderConfirmationEmail(sub.language, {
          confirmUrl: confirmUrl(deps.publicUrl, deps.ring, id, now, deps.policy.confirmTokenTtlMs),
          expiresInDays: Math.max(1, Math.round(deps.policy.confirmTokenTtlMs / 86_400_000)),
          ...(deps.brandColour ? { brandColour: deps.brandColour } : {}),
        })
      : renderAlreadySubscribedEmail(sub.language, {
          manageUrl: manageUrl(deps.publicUrl, deps.ring, id, now),
          ...(deps.brandColour ? { brandColour: deps.brandColour } : {}),
        });
  const fromName = deps.senderNames?.[sub.language];
  const { messageId } = await deps.mailer.send({
    to: sub.email,
    ...(fromName ? { fromName } : {}),
    ...email,
    tags: { kind: decision.mail },
  });
  deps.log.info('subscribe: e-mail sent', { subscriberId: id, kind: decision.mail, messageId });
}
