/** Keeps which editions are held (DynamoHoldStore on the stand-ins and on AWS). */

export interface HoldStore {
  isHeld(edition: string): Promise<boolean>;
  /** Marks the edition held, recording who held it and when. */
  hold(edition: string, by: string, at: number): Promise<void>;
  /** Lifts the hold; false when there was none. */
  release(edition: string): Promise<boolean>;
}
