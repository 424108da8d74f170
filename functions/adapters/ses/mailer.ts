import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer, OutgoingEmail } from '../../app/ports/mailer.ts';
import { encodedWords } from '../../core/encoded-words.ts';
import { SendFailure, type SendFailureKind } from '../../core/errors.ts';
import { retryOnlyUnsent, SES_TIMEOUTS } from './retry.ts';

const THROTTLE_NAMES = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException']);
const THROTTLE_TEXT = /maximum sending rate exceeded|rate exceeded/i;
// SES v2 answers the 24-hour quota spent as LimitExceededException "Daily message quota exceeded." (v1: Throttling
// with that text): the edition waits for the rolling window, with no budget; a rate throttle is retried at once.
const QUOTA_TEXT = /daily message quota exceeded|sending quota/i;

// Errors about this one message: recorded as that recipient's failure and not retried.
const REJECT_NAMES = new Set(['MessageRejected', 'BadRequestException', 'InvalidParameterValue']);

// A rejection that speaks of the account or of the configuration set is about every e-mail, not this one.
const ACCOUNT_TEXT = /sending (is )?(paused|disabled)|account (is )?(paused|suspended|disabled)|configuration set/i;

/** Who sends: the From address and the configuration set, to tell a rejection of the sender from one of a reader. */
export interface SenderIdentity {
  readonly from?: string;
  readonly configurationSet?: string;
}

/**
 * True when an SES rejection names the sender rather than the recipient: "Email address is not verified. The
 * following identities failed the check in region …: <identities>" lists the From address or its domain while DKIM
 * has not verified (in the sandbox it lists an unverified recipient instead), or the text speaks of the account or
 * names the configuration set. Identities are compared as whole tokens, so a recipient at the sender's own domain
 * is not taken for the domain.
 */
export function namesSender(message: string, sender: SenderIdentity = {}): boolean {
  if (ACCOUNT_TEXT.test(message)) return true;
  const address = (/<([^>]+)>/.exec(sender.from ?? '')?.[1] ?? sender.from ?? '').trim().toLowerCase();
  const domain = address.includes('@') ? address.slice(address.lastIndexOf('@') + 1) : '';
  const set = sender.configurationSet?.toLowerCase();
  const tokens = message
    .toLowerCase()
    .split(/[\s,;:<>"'()[\]]+/)
    .map((t) => t.replace(/\.$/, ''));
  return tokens.some((t) => (t !== '' && (t === address || t === domain)) || (set !== undefined && t === set));
}

/**
 * Classifies an SES error by HTTP status as well as by name: the SES stand-in reports the right status but the SDK
 * names its errors `Unknown` (an unnamed 400 is taken as a rejection of the message). A rejection that names the
 * sender's identity, the configuration set or the account (an unverified sender before DKIM verifies), and any
 * other 4xx, concerns the account or the configuration (sending paused, account suspended, MAIL FROM not verified,
 * configuration set not found, access denied): `blocked`, so the edition waits instead of failing every reader.
 */
export function classifySesError(error: unknown, sender: SenderIdentity = {}): SendFailureKind {
  const e = error as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } } | null;
  const status = e?.$metadata?.httpStatusCode;
  const name = e?.name ?? '';
  if (name === 'LimitExceededException' || QUOTA_TEXT.test(e?.message ?? '')) return 'quota';
  if (status === 429 || THROTTLE_NAMES.has(name) || THROTTLE_TEXT.test(e?.message ?? '')) return 'throttled';
  if (REJECT_NAMES.has(name) || (status === 400 && (name === 'Unknown' || name === ''))) {
    return namesSender(e?.message ?? '', sender) ? 'blocked' : 'rejected';
  }
  if (status !== undefined && status >= 400 && status < 500) return 'blocked';
  return notSent(e) ? 'transient' : 'uncertain';
}

// Failures that happen before a request is written: SES cannot have taken the e-mail.
const UNSENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
const UNSENT_NAMES = new Set(['CredentialsProviderError', 'TokenProviderError']);
const NOT_CONNECTED = /did not establish a connection/;

/**
 * True when an error without an HTTP answer certainly came before SES had the request: a refused or unresolvable
 * connection, a connection that timed out before it was established, missing credentials. Anything else (a 5xx, a
 * connection reset or cut after the request went out, the request timeout) may follow an acceptance.
 */
function notSent(
  e: { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } } | null,
) {
  if (e?.$metadata?.httpStatusCode !== undefined) return false;
  return UNSENT_CODES.has(e?.code ?? '') || UNSENT_NAMES.has(e?.name ?? '') || NOT_CONNECTED.test(e?.message ?? '');
}

/** `Name <address>` with the name quoted, or as RFC 2047 encoded words (75 characters at most) when not plain ASCII. */
export function fromHeader(name: string, sender: string): string {
  const address = /<([^>]+)>/.exec(sender)?.[1]?.trim() ?? sender.trim();
  const plain = /^[\x20-\x7e]*$/.test(name);
  const display = plain ? `"${name.replace(/["\\]/g, '\\$&')}"` : encodedWords(name);
  return `${display} <${address}>`;
}

/**
 * The SES client's options: the SDK retries only what SES certainly did not take (throttling, a refused connection),
 * never a lost answer, and gives up on a call after an explicit timeout (the SDK has none by default).
 */
export function sesClientOptions(maxAttempts: number, sender: SenderIdentity = {}, timeouts = SES_TIMEOUTS) {
  return {
    retryStrategy: retryOnlyUnsent(maxAttempts, (error: unknown) => classifySesError(error, sender)),
    requestHandler: {
      connectionTimeout: timeouts.connectMs,
      requestTimeout: timeouts.requestMs,
      throwOnRequestTimeout: true,
    },
  };
}

/**
 * The SES error with the recipient's address cut out of its message (SES names it, e.g. an unverified recipient in
 * the sandbox): the error travels on as the cause of a SendFailure, into logs. Name and metadata are kept.
 */
export function withoutRecipient(error: unknown, to: string): unknown {
  if (!(error instanceof Error) || !error.message.toLowerCase().includes(to.toLowerCase())) return error;
  const escaped = to.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const copy = new Error(error.message.replace(new RegExp(escaped, 'gi'), '<recipient>'));
  return Object.assign(copy, { name: error.name, $metadata: (error as { $metadata?: unknown }).$metadata });
}

/** Sends through SES v2 with Simple content (HTML + text and custom headers). */
export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly from: string,
    private readonly configurationSet?: string,
  ) {}

  /** A mailer on a default client (sesClientOptions); the endpoint comes only from AWS_ENDPOINT_URL_SESV2. */
  static create(from: string, configurationSet?: string, maxAttempts = 3): SesMailer {
    return new SesMailer(
      new SESv2Client(sesClientOptions(maxAttempts, { from, configurationSet })),
      from,
      configurationSet,
    );
  }

  /** Hands one e-mail to SES; throws SendFailure with its kind. */
  async send(mail: OutgoingEmail): Promise<{ messageId: string }> {
    try {
      const out = await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: mail.fromName ? fromHeader(mail.fromName, this.from) : this.from,
          Destination: { ToAddresses: [mail.to] },
          ConfigurationSetName: this.configurationSet,
          EmailTags: Object.entries(mail.tags ?? {}).map(([Name, Value]) => ({ Name, Value })),
          Content: {
            Simple: {
              Subject: { Data: mail.subject, Charset: 'UTF-8' },
              Body: { Html: { Data: mail.html, Charset: 'UTF-8' }, Text: { Data: mail.text, Charset: 'UTF-8' } },
              Headers: mail.headers?.map((h) => ({ Name: h.name, Value: h.value })),
            },
          },
        }),
      );
      return { messageId: out.MessageId ?? '' };
    } catch (error) {
      const kind = classifySesError(error, { from: this.from, configurationSet: this.configurationSet });
      throw new SendFailure(kind, 'SES did not accept the e-mail', withoutRecipient(error, mail.to));
    }
  }
}
