import { ConflictError } from '../core/errors.ts';
import type { SenderVerification } from './ports/sender-verification.ts';

/** Why a send may not start while SES does not let the sender's identity send. */
export function notVerifiedReason(identity: string): string {
  return `the sender identity ${identity} is not verified for sending in SES (VerifiedForSendingStatus false); nothing was sent: verify it (DKIM records) and send again`;
}

/** Throws ConflictError `sender_not_verified`, naming the identity, while SES does not let it send. */
export async function requireVerifiedSender(sender: SenderVerification): Promise<void> {
  const { identity, verified } = await sender.check();
  if (!verified) throw new ConflictError('sender_not_verified', notVerifiedReason(identity));
}
