import { type Envelope, MAX_INBOUND_BYTES, readInboundMail } from '../adapters/mime-mail.ts';
import { type InboundDeps, type InboundOutcome, logOutcome, receiveMail } from '../app/inbound-mail.ts';
import { ConfigError } from '../core/errors.ts';
import { createSubscriptionContext } from '../wiring/subscription.ts';

/** Hands one received message to receiveMail; `oversized` when more than MAX_INBOUND_BYTES arrived. */
export type InboundProcessor = (
  message: { raw: Buffer; oversized: boolean },
  envelope: Envelope,
) => Promise<InboundOutcome>;

/**
 * Builds, once per cold start, what the receiving function (SES on AWS) and the local SMTP stand-in share: the
 * same size limit, MIME parsing and use case for every message.
 */
export async function createInboundProcessor(
  env: Record<string, string | undefined> = process.env,
): Promise<InboundProcessor> {
  const { config, deps: base } = await createSubscriptionContext(env);
  if (!config.INBOUND_DOMAIN) throw new ConfigError('invalid configuration: INBOUND_DOMAIN is missing');
  const deps: InboundDeps = { ...base, inboundDomain: config.INBOUND_DOMAIN };
  return async function processInbound(message, envelope) {
    const dropped = (reason: 'oversized' | 'malformed'): InboundOutcome => {
      const outcome = { action: 'dropped', reason } as const;
      logOutcome(deps.log, outcome);
      return outcome;
    };
    if (message.oversized || message.raw.length > MAX_INBOUND_BYTES) return dropped('oversized');
    const mail = await readInboundMail(message.raw, envelope);
    return mail ? receiveMail(deps, mail) : dropped('malformed');
  };
}
