import type { Metrics } from '../../app/ports/metrics.ts';

/** The CloudWatch namespace of the newsletter's own metrics (the alarms and the dashboard read it). */
export const METRICS_NAMESPACE = 'Newsletter';

/**
 * Counts as CloudWatch embedded-metric-format lines on stdout: Lambda's log pipeline turns them into metrics without
 * an SDK call or a client in the bundle. Each line carries the given base dimensions and the count's own; `write` is
 * replaceable for tests.
 */
export class EmfMetrics implements Metrics {
  constructor(
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
    private readonly base: Readonly<Record<string, string>> = {},
  ) {}

  /** Adds `value` (default 1) to the metric `name` (unit Count) under the base and the given dimensions. */
  count(name: string, value = 1, dimensions: Readonly<Record<string, string>> = {}): void {
    const all = { ...this.base, ...dimensions };
    this.write(
      JSON.stringify({
        _aws: {
          Timestamp: Date.now(),
          CloudWatchMetrics: [
            { Namespace: METRICS_NAMESPACE, Dimensions: [Object.keys(all)], Metrics: [{ Name: name, Unit: 'Count' }] },
          ],
        },
        ...all,
        [name]: value,
      }),
    );
  }
}
