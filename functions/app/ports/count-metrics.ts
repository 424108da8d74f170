/** The metrics the application emits: reader actions, and per edition and language the send's outcomes. */

export type MetricName = 'subscribed' | 'confirmed' | 'unsubscribed' | 'sent' | 'failed' | 'throttled' | 'skipped';
/** Counts events as CloudWatch metrics (embedded metric format in the function's log, no API call). */

export interface CountMetrics {
  count(name: MetricName, value: number, dimensions?: Readonly<Record<string, string>>): void;
}
