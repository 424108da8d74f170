import { type Envelope, MAX_INBOUND_BYTES, readInboundMail } from '../adapters/mime-mail.ts';
import { type InboundDeps, type InboundOutcome, logOutcome, receiveMail } from '../app/inbound-mail.ts';
import { ConfigError } from '../core/errors.ts';
import { createSendContext } from '../wiring/send.ts';

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
