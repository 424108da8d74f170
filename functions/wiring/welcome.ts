import { DynamoArchiveStore } from '../adapters/dynamo/archive-store.ts';
import { DynamoWelcomeLedger } from '../adapters/dynamo/welcome-ledger.ts';
import type { WelcomeDeps } from '../app/welcome.ts';
import { createAddressCipher } from './address-cipher.ts';
import type { SubscriptionContext } from './subscription.ts';

/**
 * The welcome step's dependencies over the subscription context. Async because the mailer is imported on first use:
 * `GET /confirm` never loads the SES client.
 */
export async function createWelcomeDeps(context: SubscriptionContext): Promise<WelcomeDeps> {
  const { config, db, deps } = context;
  const { createMailer } = await import('./mailer.ts');
  return {
    welcomes: new DynamoWelcomeLedger(db, config.TABLE_NAME),
    mailer: createMailer(config),
    // Unwrapped on the first confirmation of this cold start, with the mailer: `GET /confirm` needs neither.
    cipher: await createAddressCipher(context.secrets, config),
    archive: new DynamoArchiveStore(db, config.TABLE_NAME),
    ring: deps.ring,
    idKey: deps.idKey,
    publicUrl: config.PUBLIC_URL,
    now: deps.now,
    log: deps.log,
    schedule: { expression: config.SCHEDULE, timeZone: config.TIMEZONE },
    ...(deps.senderNames ? { senderNames: deps.senderNames } : {}),
    ...(deps.brandColour ? { brandColour: deps.brandColour } : {}),
  };
}
