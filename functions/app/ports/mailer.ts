import type { RenderedEmail } from '../../core/rendered-email.ts';

/** One e-mail as the use cases hand it over. */

export interface OutgoingEmail extends Readonly<RenderedEmail> {
  readonly to: string;
  /** The From display name; the address stays the configured sender's. */
  readonly fromName?: string;
  readonly headers?: readonly { name: string; value: string }[];
  /** SES message tags, returned with bounce and complaint events. */
  readonly tags?: Readonly<Record<string, string>>;
}
/** Hands an e-mail over for delivery; throws SendFailure (SesMailer). */

export interface Mailer {
  send(mail: OutgoingEmail): Promise<{ messageId: string }>;
}
