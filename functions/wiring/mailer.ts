import { PacedMailer } from '../adapters/paced/mailer.ts';
import { SesMailer } from '../adapters/ses/mailer.ts';
import type { Config } from '../app/config.ts';
import type { Mailer } from '../app/ports/mailer.ts';

/** How a caller wants its mailer: how many attempts per call, and at most how many e-mails a second. */
export interface MailerOptions {
  /** Attempts per send (default 3); 1 where a failed send is retried through a queue instead. */
  readonly attempts?: number;
  /** Spaces the sends evenly at this rate (the deliverer's share of the account's rate); unpaced when absent. */
  readonly perSecond?: number;
}

/**
 * The one place a mailer is built: SES from the configured sender and configuration set, paced when asked.
 * Another mail provider is another adapter under `adapters/` and a branch here; nothing else constructs one.
 *
 * @example
 * const mailer = createMailer(config, { attempts: 1, perSecond: config.DELIVER_SEND_RATE });
 */
export function createMailer(
  config: Pick<Config, 'SENDER_EMAIL' | 'SES_CONFIGURATION_SET'>,
  options: MailerOptions = {},
): Mailer {
  const ses = SesMailer.create(config.SENDER_EMAIL, config.SES_CONFIGURATION_SET, options.attempts);
  return options.perSecond ? new PacedMailer(ses, options.perSecond) : ses;
}
