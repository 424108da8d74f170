import { type Envelope, MAX_INBOUND_BYTES, readInboundMail } from '../adapters/mime-mail.ts';
import { S3MailReader } from '../adapters/s3/mail-reader.ts';
import { authenticatedDomains, type ReceiptAuthentication } from '../adapters/ses-receipt.ts';
import { type InboundDeps, type InboundOutcome, logOutcome, receiveMail } from '../app/inbound-mail.ts';
import { ConfigError } from '../core/errors.ts';
import { createSendContext } from './send.ts';

/** Hands one received message to receiveMail; `oversized` when more than MAX_INBOUND_BYTES arrived. */
export type InboundProcessor = (
  message: { raw: Buffer; oversized: boolean },
  envelope: Envelope,
) => Promise<InboundOutcome>;

/**
 * Builds, once per cold start, what the receiving function (SES on AWS) and the local SMTP stand-in share: the
 * same size limit, MIME parsing and use case for every message, with the configuration and logger it was built
 * with. It takes the reader store from the send context, as the SES-events function does: the subscription
 * context would also build the confirmation mail's sender names and so load every message catalogue.
 */
export async function createInboundContext(env: Record<string, string | undefined> = process.env) {
  const { config, subscribers, readerWeeks, secrets, log } = await createSendContext(env);
  if (!config.INBOUND_DOMAIN) throw new ConfigError('invalid configuration: INBOUND_DOMAIN is missing');
  const deps: InboundDeps = {
    store: subscribers,
    ring: secrets.ring,
    idKey: secrets.idKey,
    now: Date.now,
    log,
    weeks: readerWeeks,
    timeZone: config.TIMEZONE,
    inboundDomain: config.INBOUND_DOMAIN,
    feedbackLoopDomains: config.FEEDBACK_LOOP_DOMAINS,
  };
  const processInbound: InboundProcessor = async (message, envelope) => {
    const dropped = (reason: 'oversized' | 'malformed'): InboundOutcome => {
      const outcome = { action: 'dropped', reason } as const;
      logOutcome(deps.log, outcome);
      return outcome;
    };
    if (message.oversized || message.raw.length > MAX_INBOUND_BYTES) return dropped('oversized');
    const mail = await readInboundMail(message.raw, envelope);
    return mail ? receiveMail(deps, mail) : dropped('malformed');
  };
  return { config, log, processInbound };
}

/** The shared processor alone (the local SMTP stand-in's). */
export async function createInboundProcessor(env: Record<string, string | undefined> = process.env) {
  return (await createInboundContext(env)).processInbound;
}

/** One SES receipt as the receiving function is given it: the stored message's id, envelope and verdicts. */
export interface SesReceipt extends ReceiptAuthentication {
  readonly messageId: string;
  readonly recipients: readonly string[];
}

/**
 * The receiving function's context (SES on AWS): the shared processor over the message S3 stored under
 * INBOUND_PREFIX + message id, with the domains SES's SPF/DKIM verdicts authenticate.
 */
export async function createReceivingContext(env: Record<string, string | undefined> = process.env) {
  const { config, log, processInbound } = await createInboundContext(env);
  const store = config.INBOUND_BUCKET ? S3MailReader.create(config.INBOUND_BUCKET, MAX_INBOUND_BYTES) : undefined;
  if (!store) throw new Error('invalid configuration: INBOUND_BUCKET is missing');
  /** Reads one received message and hands it to the processor. */
  const receive = async (receipt: SesReceipt): Promise<InboundOutcome> => {
    const message = await store.read(`${config.INBOUND_PREFIX}${receipt.messageId}`);
    // SES gives the bounce's empty MAIL FROM as an empty source; its SPF and DKIM verdicts decide whether a
    // feedback report may name a reader by Original-Rcpt-To.
    const envelope = {
      recipients: [...receipt.recipients],
      sender: receipt.source,
      authenticatedDomains: authenticatedDomains(receipt),
    };
    return processInbound(message, envelope);
  };
  return { log, receive };
}
