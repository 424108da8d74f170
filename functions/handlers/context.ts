import { createDocumentClient } from '../adapters/dynamo/client.ts';
import { DynamoRateLimiter } from '../adapters/dynamo/rate-limiter.ts';
import { DynamoSubscriberRepository } from '../adapters/dynamo/subscribers.ts';
import { loadSecrets } from '../adapters/secrets.ts';
import { SesMailer } from '../adapters/ses-mailer.ts';
import { type Config, loadConfig } from '../app/config.ts';
import type { SubscribeDeps } from '../app/subscribe.ts';
import { createLog } from './logger.ts';

const HOUR = 3_600_000;

/** Builds the dependencies of the subscription functions once per cold start (config checked first). */
export async function createSubscriptionContext(env: Record<string, string | undefined> = process.env): Promise<{
  config: Config;
  deps: SubscribeDeps;
}> {
  const config = loadConfig(env);
  const secrets = await loadSecrets(config);
  const db = createDocumentClient();
  const deps: SubscribeDeps = {
    store: new DynamoSubscriberRepository(db, config.TABLE_NAME, config.SHARDS),
    mailer: SesMailer.create(config.SENDER_EMAIL, config.SES_CONFIGURATION_SET),
    rateLimiter: new DynamoRateLimiter(
      db,
      config.TABLE_NAME,
      config.SUBSCRIBE_RATE_LIMIT,
      config.SUBSCRIBE_RATE_WINDOW_SECONDS,
    ),
    ring: secrets.ring,
    idKey: secrets.idKey,
    now: Date.now,
    publicUrl: config.PUBLIC_URL,
    log: createLog(),
    policy: {
      cooldown: { minIntervalMs: config.MAIL_COOLDOWN_SECONDS * 1000, maxPerDay: config.MAIL_MAX_PER_DAY },
      pendingExpiryMs: config.PENDING_EXPIRY_HOURS * HOUR,
      confirmTokenTtlMs: config.CONFIRM_TOKEN_TTL_HOURS * HOUR,
      consentTextVersion: config.CONSENT_TEXT_VERSION,
    },
  };
  return { config, deps };
}
