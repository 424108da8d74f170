/** Whether SES lets the sender's identity send now (SES `GetEmailIdentity`'s `VerifiedForSendingStatus`). */
export interface SenderVerification {
  /** The identity asked about (a domain or an address) and whether it may send. */
  check(): Promise<{ readonly identity: string; readonly verified: boolean }>;
}
