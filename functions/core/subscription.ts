import type { Language } from './language.ts';
import type { SealedAddress } from './sealed-address.ts';
import type { SoftBounceStreak } from './soft-bounce.ts';

/** Where a subscription stands in its lifecycle. */
export const Status = {
  pending: 'pending',
  confirmed: 'confirmed',
  unsubscribed: 'unsubscribed',
  bounced: 'bounced',
  complained: 'complained',
} as const;
export type Status = (typeof Status)[keyof typeof Status];

/** What can happen to a subscription. */
export const SubscriptionEvent = {
  subscribe: 'subscribe',
  confirm: 'confirm',
  unsubscribe: 'unsubscribe',
  bounce: 'bounce',
  complain: 'complain',
  expire: 'expire',
} as const;
export type SubscriptionEvent = (typeof SubscriptionEvent)[keyof typeof SubscriptionEvent];

/**
 * The lifecycle as one table. A missing entry means the event does not apply in that status and changes
 * nothing (for example confirming an unsubscribed address, or subscribing after a complaint: a reader who
 * marked us as spam is not mailed again unless an operator erases their record).
 */
export const TRANSITIONS: Record<Status, Partial<Record<SubscriptionEvent, Status>>> = {
  pending: {
    subscribe: 'pending',
    confirm: 'confirmed',
    unsubscribe: 'unsubscribed',
    bounce: 'bounced',
    complain: 'complained',
    expire: 'unsubscribed',
  },
  confirmed: {
    subscribe: 'confirmed',
    confirm: 'confirmed',
    unsubscribe: 'unsubscribed',
    bounce: 'bounced',
    complain: 'complained',
  },
  unsubscribed: {
    subscribe: 'pending',
    unsubscribe: 'unsubscribed',
    bounce: 'bounced',
    complain: 'complained',
  },
  bounced: {
    subscribe: 'pending',
    unsubscribe: 'unsubscribed',
    bounce: 'bounced',
    complain: 'complained',
  },
  complained: {
    unsubscribe: 'complained',
    bounce: 'complained',
    complain: 'complained',
  },
};

/** The status after `event`, or undefined when the event does not apply. */
export function transition(status: Status, event: SubscriptionEvent): Status | undefined {
  return TRANSITIONS[status][event];
}

/**
 * Evidence of consent kept with each subscription (GDPR art. 7(1)), and nothing that identifies a device: no IP
 * address, no hash of one, no user agent (see docs/privacy.md).
 */
export interface Consent {
  readonly requestedAt: number;
  readonly confirmedAt?: number;
  readonly language: Language;
  /** Keyed hash of the client's network (IPv4 /24, IPv6 /48: see consentNetwork), never of the address. */
  readonly networkHash?: string;
  /** Origin or Referer of the page the form was on. */
  readonly source: string;
  readonly textVersion: string;
  /** The request this record answers; its confirm link is bound to it (issued at `requestedAt`). */
  readonly requestId?: string;
  /** The signup form's answers beyond email and language (core/signup-form.ts), as the request gave them. */
  readonly answers?: Readonly<Record<string, string>>;
  /** Evidence of the confirmation itself, from the request that confirmed. */
  readonly confirmation?: ConfirmationEvidence;
  /** For a reader brought in by an import (`source` is `import:<format>`): the file and who imported it. */
  readonly import?: ImportEvidence;
}

/** Where an imported reader's consent comes from: the file's own times, its name and hash, the importer. No IP. */
export interface ImportEvidence {
  readonly format: string;
  readonly file: string;
  /** The file's sha-256 (hex): the import's id. */
  readonly sha256: string;
  /** The IAM principal that imported it. */
  readonly by: string;
  /** The opt-in and confirmation times as the file gave them. */
  readonly optInAt?: string;
  readonly confirmedAt?: string;
}

/** The confirmation, as far as we keep it: its time and the keyed hash of the confirming client's network. */
export interface ConfirmationEvidence {
  readonly at: number;
  /** Absent on a confirmation recorded before networks were kept (its address hash was dropped). */
  readonly networkHash?: string;
}

/**
 * `consent` with only the fields of Consent: drops what older records kept (the user agent, the keyed hash of the
 * whole client address `ipHash`, any clear client address). Every write of a subscription goes through it.
 */
export function minimalConsent(consent: Consent): Consent {
  const c = consent as Consent & Record<string, unknown>;
  const conf = c.confirmation as (ConfirmationEvidence & Record<string, unknown>) | undefined;
  return {
    requestedAt: c.requestedAt,
    ...(c.confirmedAt === undefined ? {} : { confirmedAt: c.confirmedAt }),
    language: c.language,
    ...(c.networkHash === undefined ? {} : { networkHash: c.networkHash }),
    source: c.source,
    textVersion: c.textVersion,
    ...(c.requestId === undefined ? {} : { requestId: c.requestId }),
    ...(c.answers === undefined ? {} : { answers: c.answers }),
    ...(conf === undefined
      ? {}
      : {
          confirmation: { at: conf.at, ...(conf.networkHash === undefined ? {} : { networkHash: conf.networkHash }) },
        }),
    ...(c.import === undefined ? {} : { import: importEvidence(c.import) }),
  };
}

function importEvidence(e: ImportEvidence): ImportEvidence {
  return {
    format: e.format,
    file: e.file,
    sha256: e.sha256,
    by: e.by,
    ...(e.optInAt === undefined ? {} : { optInAt: e.optInAt }),
    ...(e.confirmedAt === undefined ? {} : { confirmedAt: e.confirmedAt }),
  };
}

/** A reader's subscription; `id` is a keyed hash of the address's identity key. */
export interface Subscription {
  readonly id: string;
  /** The address, sealed to this id (see core/sealed-address.ts); never in clear. */
  readonly address: SealedAddress;
  readonly language: Language;
  readonly status: Status;
  /** Optimistic-concurrency version; 0 for a record not stored yet. */
  readonly version: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly confirmedAt?: number;
  /** Time of the latest unsubscribe: confirm links issued before it are void. */
  readonly unsubscribedAt?: number;
  /** For a pending subscription: when it lapses (7 days after its latest confirmation e-mail). */
  readonly expiresAt?: number;
  readonly consent: Consent;
  readonly transientBounces?: number;
  /** The current run of editions whose digest soft-bounced (core/soft-bounce.ts). */
  readonly softBounces?: SoftBounceStreak;
}

/** True for a pending subscription whose confirmation window has passed (checked on read). */
export function isExpired(sub: Subscription, now: number): boolean {
  return sub.status === 'pending' && sub.expiresAt !== undefined && sub.expiresAt <= now;
}

/** How often one address may be mailed by the subscription flow. */
export interface CooldownPolicy {
  readonly minIntervalMs: number;
  readonly maxPerDay: number;
}

/** Decides whether one more e-mail may go to an address now; returns the pruned log with it added. */
export function takeMailSlot(
  log: readonly number[],
  now: number,
  policy: CooldownPolicy,
): { allowed: boolean; log: number[] } {
  const recent = log.filter((t) => t > now - 86_400_000 && t <= now);
  const last = recent.length ? Math.max(...recent) : undefined;
  const allowed = (last === undefined || now - last >= policy.minIntervalMs) && recent.length < policy.maxPerDay;
  return { allowed, log: allowed ? [...recent, now] : recent };
}
