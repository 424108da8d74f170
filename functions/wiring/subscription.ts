import { createDocumentClient } from '../adapters/dynamo/client.ts';
import { DynamoRateLimiter } from '../adapters/dynamo/rate-limiter.ts';
import { DynamoSubscriberRepository } from '../adapters/dynamo/subscribers.ts';
import { type CountMetrics, createMetrics } from '../adapters/metrics.ts';
import { loadSecrets } from '../adapters/secrets.ts';
import { SesMailer } from '../adapters/ses-mailer.ts';
import { type Config, loadConfig } from '../app/config.ts';
import { senderNamesFrom } from '../app/outlet.ts';
import type { SubscriptionDeps } from '../app/ports.ts';
import type { SubscribeDeps } from '../app/subscribe.ts';
import { createLog } from '../handlers/logger.ts';

const HOUR = 3_600_000;

/** What the subscription functions are built from: the checked config, the table client and the logger. */
export interface SubscriptionContext {
  readonly config: Config;
  readonly db: ReturnType<typeof createDocumentClient>;
  readonly log: ReturnType<typeof createLog>;
  /** The reader actions counted as CloudWatch metrics. */
  readonly metrics: CountMetrics;
  /** The CloudFront origin secret, when the API sits behind CloudFront (see toRequest). */
  readonly originSecret?: string;
  readonly deps: SubscriptionDeps & Pick<SubscribeDeps, 'policy' | 'senderNames' | 'brandColour'>;
}

/**
 * The dependencies of confirm and unsubscribe, built once per cold start (config checked first). They send no
 * mail, so they never load the SES client; subscribe adds its mailer and rate limiter in `subscribeDeps`.
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
    metrics: createMetrics(),
    ...(secrets.originSecret === undefined ? {} : { originSecret: secrets.originSecret }),
    deps: {
      store: new DynamoSubscriberRepository(db, config.TABLE_NAME, config.SHARDS),
      ring: secrets.ring,
      idKey: secrets.idKey,
      now: Date.now,
      publicUrl: config.PUBLIC_URL,
      log,
      policy: {
        cooldown: { minIntervalMs: config.MAIL_COOLDOWN_SECONDS * 1000, maxPerDay: config.MAIL_MAX_PER_DAY },
        pendingExpiryMs: config.PENDING_EXPIRY_HOURS * HOUR,
        confirmTokenTtlMs: config.CONFIRM_TOKEN_TTL_HOURS * HOUR,
        consentTextVersion: config.CONSENT_TEXT_VERSION,
      },
      senderNames: senderNamesFrom(config),
      brandColour: config.BRAND_COLOUR,
    },
  };
}

/** The subscribe function's dependencies: the subscription context plus the SES mailer and the rate limiter. */
export async function createSubscribeContext(
  env: Record<string, string | undefined> = process.env,
): Promise<Omit<SubscriptionContext, 'deps'> & { deps: SubscribeDeps }> {
  const context = await createSubscriptionContext(env);
  const { config, db } = context;
  return {
    ...context,
    deps: {
      ...context.deps,
      mailer: SesMailer.create(config.SENDER_EMAIL, config.SES_CONFIGURATION_SET),
      rateLimiter: new DynamoRateLimiter(
        db,
        config.TABLE_NAME,
        config.SUBSCRIBE_RATE_LIMIT,
        config.SUBSCRIBE_RATE_WINDOW_SECONDS,
      ),
    },
  };
}
