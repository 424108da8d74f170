import type { Metrics } from '../app/pull-feeds.ts';

/** The CloudWatch namespace of the newsletter's own metrics (the alarms read it). */
export const METRICS_NAMESPACE = 'Newsletter';

/**
 * Counts as CloudWatch embedded-metric-format lines on stdout: Lambda's log pipeline turns them into metrics without
 * an SDK call or a client in the bundle. `write` is replaceable for tests.
 */
export class EmfMetrics implements Metrics {
  constructor(private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {}

  /** Adds `value` (default 1) to the metric `name` (unit Count, no dimensions). */
  count(name: string, value = 1): void {
    this.write(
      JSON.stringify({
        _aws: {
          Timestamp: Date.now(),
          CloudWatchMetrics: [
            { Namespace: METRICS_NAMESPACE, Dimensions: [[]], Metrics: [{ Name: name, Unit: 'Count' }] },
          ],
        },
        [name]: value,
      }),
    );
  }
}
