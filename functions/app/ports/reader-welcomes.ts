/** One welcome e-mail as its ledger holds it (one per confirmation). */

export interface ReaderWelcome {
  readonly confirmedAt: number;
  readonly status: 'sending' | 'sent';
  readonly claimedAt: number;
  readonly sentAt?: number;
  readonly messageId?: string;
}
/** A reader's welcome e-mails (DynamoWelcomes). */

export interface ReaderWelcomes {
  ofReader(subscriberId: string): Promise<ReaderWelcome[]>;
  eraseReader(subscriberId: string): Promise<void>;
}
