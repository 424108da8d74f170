import type { Language } from '../../core/language.ts';

/** One subscribe request waiting for its e-mail (see sendConfirmation); carries no state of the address. */

export interface ConfirmationRequest {
  /** Unique per request: the subscription and the mailbox's cooldown slot remember which request they answer. */
  readonly requestId: string;
  /** The normalised address. */
  readonly email: string;
  readonly language: Language;
  readonly ipHash: string;
  readonly userAgent: string;
  readonly source: string;
  readonly textVersion: string;
}
/** Where subscribe leaves the requests to mail: SQS on AWS, an in-process queue locally. */

export interface ConfirmationQueue {
  enqueue(request: ConfirmationRequest): Promise<void>;
}
