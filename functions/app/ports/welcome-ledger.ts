/** One welcome per subscription (DynamoWelcomes): a conditional claim, then the outcome. */

export interface WelcomeLedger {
  /** Claims the welcome of the subscription confirmed at `confirmedAt`; false when sent or being sent elsewhere. */
  claim(subscriberId: string, confirmedAt: number, now: number, staleBefore: number): Promise<boolean>;
  /** Records it sent. */
  settle(subscriberId: string, confirmedAt: number, messageId: string, now: number): Promise<void>;
  /** Gives the claim back after a failed send, so a later confirm can try again. */
  release(subscriberId: string, confirmedAt: number): Promise<void>;
}
