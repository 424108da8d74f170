import type { RenderedEmail } from '../../core/rendered-email.ts';

/** One e-mail as the use cases hand it over. */

export interface OutgoingEmail extends Readonly<RenderedEmail> {
  readonly to: string;
  /** The From display name; the address stays the configured sender's. */
  readonly fromName?: string;
  readonly headers?: readonly { name: string; value: string }[];
  /** SES message tags, returned with bounce and complaint events. */
  readonly tags?: MailTags;
}
/** Hands an e-mail over for delivery; throws SendFailure (SesMailer). */

export interface Mailer {
  send(mail: OutgoingEmail): Promise<{ messageId: string }>;
}

/** What an e-mail is, as its `kind` tag says. */
export type MailKind = 'digest' | 'preview' | 'report' | 'test' | 'welcome' | 'confirm' | 'alreadySubscribed';

/**
 * The tags an e-mail carries out (SES message tags) and SES hands back with its bounce and complaint events: one
 * shape both ways, written by the use cases that send and read back by `feedbackContext` (app/ses-events.ts).
 * `edition` is the week's edition (`2026-W48`), `subscriber` the reader's id; neither holds an address.
 */
export interface MailTags {
  readonly kind: MailKind;
  readonly edition?: string;
  readonly subscriber?: string;
}
