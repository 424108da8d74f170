/**
 * What a consumer of the send queue asks of the queue beyond putting messages on it (SqsQueue, InProcessQueue):
 * how much still waits, and a received message's later return (back-off through the queue).
 */
export interface Redelivery {
  /** Messages waiting (visible or delayed; those in flight not counted), as the queue estimates it. */
  waiting(): Promise<number>;
  /** Makes the received message with this receipt come back only after `seconds`. */
  retryLater(receipt: string, seconds: number): Promise<void>;
}
