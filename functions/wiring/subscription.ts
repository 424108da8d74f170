import { X25519RequestSealer } from '../adapters/crypto/request-sealer.ts';
import { createDocumentClient } from '../adapters/dynamo/client.ts';
import { DynamoErasureMarkers } from '../adapters/dynamo/erasure-markers.ts';
import { DynamoRateLimiter } from '../adapters/dynamo/rate-limiter.ts';
import { DynamoReaderWeeks } from '../adapters/dynamo/reader-weeks.ts';
import { DynamoSubscriberStore } from '../adapters/dynamo/subscriber-store.ts';
import { createMetrics } from '../adapters/emf/count-metrics.ts';
import { createLog } from '../adapters/powertools/log.ts';
import { loadSecrets, type Secrets } from '../adapters/secrets.ts';
import { SqsQueue } from '../adapters/sqs/queue.ts';
import { type Config, loadConfig } from '../app/config.ts';
import { senderNamesFrom } from '../app/outlet.ts';
import type { ConfirmationQueue } from '../app/ports/confirmation-queue.ts';
import type { CountMetrics } from '../app/ports/count-metrics.ts';
import type { SendConfirmationDeps } from '../app/send-confirmation.ts';
import type { SubscribeDeps } from '../app/subscribe.ts';
import type { SubscriptionDeps } from '../app/subscription-deps.ts';
import { ConfigError } from '../core/errors.ts';
import type { ConfirmationRequest } from '../core/queue-messages.ts';
import type { CooldownPolicy } from '../core/subscription.ts';

const HOUR = 3_600_000;

/** The per-mailbox cooldown and daily cap of subscription e-mails, from the configuration. */
export function cooldownPolicy(config: Config): CooldownPolicy {
  return { minIntervalMs: config.MAIL_COOLDOWN_SECONDS * 1000, maxPerDay: config.MAIL_MAX_PER_DAY };
}

/** What the subscription functions are built from: the checked config, the table client and the logger. */
export interface SubscriptionContext {
  readonly config: Config;
  readonly db: ReturnType<typeof createDocumentClient>;
  readonly log: ReturnType<typeof createLog>;
  /** The loaded secret: the functions that mail a reader unwrap its data keys (wiring/address-cipher.ts). */
  readonly secrets: Secrets;
  /** The reader actions counted as CloudWatch metrics. */
  readonly metrics: CountMetrics;
  /** The CloudFront origin secret, when the API sits behind CloudFront (see toRequest). */
  readonly originSecret?: string;
  readonly deps: SubscriptionDeps &
    Pick<SendConfirmationDeps, 'senderNames' | 'brandColour'> & {
      policy: SubscribeDeps['policy'] & SendConfirmationDeps['policy'];
    };
}

/**
 * The dependencies of the subscription functions, built once per cold start (config checked first). Only the
 * confirmation mailer sends mail (it adds its mailer itself), so the HTTP functions never load the SES client.
 */
export async function createSubscriptionContext(
  env: Record<string, string | undefined> = process.env,
): Promise<SubscriptionContext> {
  const config = loadConfig(env);
  const secrets = await loadSecrets(config);
  const db = createDocumentClient();
  const log = createLog();
  return {
    config,
    db,
    log,
    secrets,
    metrics: createMetrics(),
    ...(secrets.originSecret === undefined ? {} : { originSecret: secrets.originSecret }),
    deps: {
      store: new DynamoSubscriberStore(db, config.TABLE_NAME, config.SHARDS),
      ring: secrets.ring,
      idKey: secrets.idKey,
      now: Date.now,
      publicUrl: config.PUBLIC_URL,
      log,
      weeks: new DynamoReaderWeeks(db, config.TABLE_NAME),
      timeZone: config.TIMEZONE,
      erasures: new DynamoErasureMarkers(db, config.TABLE_NAME),
      policy: {
        cooldown: cooldownPolicy(config),
        pendingExpiryMs: config.PENDING_EXPIRY_HOURS * HOUR,
        confirmTokenTtlMs: config.CONFIRM_TOKEN_TTL_HOURS * HOUR,
        consentTextVersion: config.CONSENT_TEXT_VERSION,
      },
      senderNames: senderNamesFrom(config),
      brandColour: config.BRAND_COLOUR,
    },
  };
}

/** A confirmation queue of this process, whose `drain()` awaits the e-mails it holds. */
export type LocalConfirmations = ConfirmationQueue & { drain(): Promise<void> };

let registered: LocalConfirmations | undefined;

/**
 * Registers the in-process confirmation queue (local/stack.ts, before the functions load) that subscribe uses without
 * CONFIRM_QUEUE_URL. It lives outside this module so the subscribe function's bundle holds no confirmation mailer,
 * and so no address cipher (test/infra/address-cipher-wiring.test.ts): on AWS it can queue a request, not open one.
 */
export function useLocalConfirmations(queue: LocalConfirmations): void {
  registered = queue;
}

/**
 * The subscribe function's dependencies: the subscription context, the rate limiter and the queue of confirmation
 * e-mails (SQS on AWS; without CONFIRM_QUEUE_URL, as in local runs, the registered in-process queue).
 */
export async function createSubscribeContext(env: Record<string, string | undefined> = process.env) {
  const context = await createSubscriptionContext(env);
  const { config, db } = context;
  if (!config.CONFIRM_QUEUE_URL && !registered)
    throw new ConfigError('invalid configuration: CONFIRM_QUEUE_URL is required by the subscribe function');
  const localConfirmations = config.CONFIRM_QUEUE_URL ? undefined : registered;
  const deps: SubscribeDeps = {
    ...context.deps,
    sealer: new X25519RequestSealer(context.secrets.dataKeys[0]),
    confirmations: localConfirmations ?? SqsQueue.create<ConfirmationRequest>(config.CONFIRM_QUEUE_URL as string),
    rateLimiter: new DynamoRateLimiter(
      db,
      config.TABLE_NAME,
      config.SUBSCRIBE_RATE_LIMIT,
      config.SUBSCRIBE_RATE_WINDOW_SECONDS,
    ),
  };
  return { ...context, deps, localConfirmations };
}
