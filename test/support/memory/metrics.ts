import type { CountMetrics, MetricName } from '../../../functions/app/ports/count-metrics.ts';
import type { Metrics } from '../../../functions/app/ports/metrics.ts';

/** One count as a metrics backend receives it. */
export interface Counted {
  readonly name: string;
  readonly value: number;
  readonly dimensions: Readonly<Record<string, string>>;
}

/** Keeps every count (both metric ports), as CloudWatch would receive them. */
export class MemoryMetrics implements Metrics, CountMetrics {
  readonly counts: Counted[] = [];

  /** Keeps the count. */
  count(name: string | MetricName, value = 1, dimensions: Readonly<Record<string, string>> = {}): void {
    this.counts.push({ name, value, dimensions: { ...dimensions } });
  }
}
