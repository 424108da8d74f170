import type { ConfirmationRequest } from '../../core/queue-messages.ts';

/** Where subscribe leaves the requests to mail (see sendConfirmation): SQS on AWS, an in-process queue locally. */
export interface ConfirmationQueue {
  enqueue(request: ConfirmationRequest): Promise<void>;
}
