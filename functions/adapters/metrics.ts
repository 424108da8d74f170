import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** The CloudWatch namespace of the application's own metrics (the stack's dashboard reads it). */
export const METRICS_NAMESPACE = 'Newsletter';

/** The metrics the application emits: reader actions, and per edition and language the send's outcomes. */
export type MetricName = 'subscribed' | 'confirmed' | 'unsubscribed' | 'sent' | 'failed' | 'throttled' | 'skipped';

/** Counts events as CloudWatch metrics (embedded metric format in the function's log, no API call). */
export interface CountMetrics {
  count(name: MetricName, value: number, dimensions?: Readonly<Record<string, string>>): void;
}

/**
 * Powertools Metrics behind CountMetrics: each count is written at once as its own EMF line with its own
 * dimensions (e.g. edition and language), so nothing waits for a flush at the end of the invocation. Locally
 * POWERTOOLS_METRICS_DISABLED keeps them out of the console.
 */
export function createMetrics(serviceName = 'newsletter'): CountMetrics {
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName });
  return {
    count(name, value, dimensions = {}) {
      if (value <= 0) return;
      const single = metrics.singleMetric();
      if (Object.keys(dimensions).length > 0) single.addDimensions({ ...dimensions });
      single.addMetric(name, MetricUnit.Count, value);
    },
  };
}
