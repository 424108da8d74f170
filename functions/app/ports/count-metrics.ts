/** The metrics the application emits: reader actions, and per edition and language the send's outcomes. */
export type MetricName =
  | 'subscribed'
  | 'confirmed'
  | 'unsubscribed'
  | 'sent'
  | 'failed'
  | 'throttled'
  | 'skipped'
  /** A confirmation e-mail held back by the hourly ceiling (alarmed). */
  | 'ConfirmationsPaused';

/** Counts events as CloudWatch metrics (EMF in the function's log on AWS, no API call). */
export interface CountMetrics {
  count(name: MetricName, value: number, dimensions?: Readonly<Record<string, string>>): void;
}
