/** Base of every error the domain raises on purpose; carries no HTTP knowledge. */
export class NewsletterError extends Error {
  /** Extra facts for logs; never a raw e-mail address. */
  readonly context: Record<string, unknown>;

  constructor(message: string, options: { cause?: unknown; context?: Record<string, unknown> } = {}) {
    super(message, { cause: options.cause });
    this.name = 'NewsletterError';
    this.context = options.context ?? {};
  }
}

/** A configuration (environment, stored secret) that is missing or wrong; thrown at cold start, never the value. */
export class ConfigError extends NewsletterError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/** An error with a stable machine-readable code (e.g. `invalid_email`) that the HTTP edge passes on. */
export class CodedError extends NewsletterError {
  readonly code: string;

  constructor(code: string, message: string, options: { cause?: unknown; context?: Record<string, unknown> } = {}) {
    super(message, options);
    this.name = 'CodedError';
    this.code = code;
  }
}

/** Input that breaks the contract: a missing field, a malformed address, an unknown language. */
export class InvalidInputError extends CodedError {
  override readonly name = 'InvalidInputError';
}

/** A token that is forged, tampered with, expired, revoked or meant for another purpose. */
export class InvalidTokenError extends NewsletterError {
  readonly reason: 'malformed' | 'signature' | 'expired' | 'purpose' | 'unknown_key' | 'superseded' | 'not_found';

  constructor(reason: InvalidTokenError['reason'], options: { cause?: unknown } = {}) {
    super(`invalid token: ${reason}`, options);
    this.name = 'InvalidTokenError';
    this.reason = reason;
  }
}

/** The hour's confirmation e-mails are all sent (the account-wide ceiling): this one waits until `retryAt`. */
export class ConfirmationsPausedError extends NewsletterError {
  readonly retryAt: number;

  constructor(retryAt: number) {
    super('confirmation e-mails paused: the hourly ceiling is reached');
    this.name = 'ConfirmationsPausedError';
    this.retryAt = retryAt;
  }
}

/** A client that sent too many requests in the current window. */
export class TooManyRequestsError extends NewsletterError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super('too many requests');
    this.name = 'TooManyRequestsError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** An optimistic write lost against a concurrent one; the caller re-reads and decides again. */
export class ConcurrentUpdateError extends NewsletterError {
  constructor(context: Record<string, unknown> = {}, cause?: unknown) {
    super('concurrent update', { context, cause });
    this.name = 'ConcurrentUpdateError';
  }
}

/**
 * Why an e-mail could not be handed over: later (throttled, transient: SES certainly did not take it), never for this
 * recipient (rejected), or not at all until an operator acts (blocked: sending paused, account suspended, identity or
 * configuration set missing, access denied) — a blocked send is retried, never recorded as that reader's failure.
 * `uncertain`: the request reached SES but its answer was lost (a 5xx, a connection cut or timed out after the
 * request was written): SES may have taken it, so it is never sent again automatically.
 */
/**
 * `quota`: SES's 24-hour sending quota is spent (`LimitExceededException`, "Daily message quota exceeded"): nothing
 * is wrong with the e-mail or the account, the send waits until SES's rolling 24-hour window allows more.
 */
export type SendFailureKind = 'throttled' | 'quota' | 'transient' | 'rejected' | 'blocked' | 'uncertain';

/** The mailer could not hand an e-mail over; `kind` tells whether a retry can help. */
export class SendFailure extends NewsletterError {
  readonly kind: SendFailureKind;

  constructor(kind: SendFailureKind, message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'SendFailure';
    this.kind = kind;
  }
}

/** Something the request names does not exist: an edition without commentaries, a language it has no digest in. */
export class NotFoundError extends CodedError {
  override readonly name = 'NotFoundError';
}

/** The request is valid but the state forbids it: a held edition cannot be sent, a started one cannot be held. */
export class ConflictError extends CodedError {
  override readonly name = 'ConflictError';
}

/** A sealed address that does not open: bound to another record, tampered with, or under a key no longer held. */
export class AddressUnreadableError extends NewsletterError {
  constructor(reason: 'malformed' | 'unknown_key' | 'authentication', options: { cause?: unknown } = {}) {
    super(`sealed address unreadable: ${reason}`, options);
    this.name = 'AddressUnreadableError';
  }
}
