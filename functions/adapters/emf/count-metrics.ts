import type { CountMetrics } from '../../app/ports/count-metrics.ts';
import { EmfMetrics } from './metrics.ts';

const TRUE = /^(1|true|yes|on)$/i;

/** Off as Powertools Metrics decides: POWERTOOLS_METRICS_DISABLED when set, else POWERTOOLS_DEV. */
function disabled(env: Record<string, string | undefined>): boolean {
  const flag = env.POWERTOOLS_METRICS_DISABLED;
  return TRUE.test((flag === undefined ? env.POWERTOOLS_DEV : flag)?.trim() ?? '');
}

/**
 * Each count written at once as its own EMF line with the Powertools `service` dimension and its own (e.g. edition
 * and language), so nothing waits for a flush at the end of the invocation. Locally POWERTOOLS_METRICS_DISABLED keeps
 * them out of the console. Written by EmfMetrics rather than Powertools Metrics: the same lines, without its 13 KB
 * in the bundles of the functions that count (issue 14: module init grows with every kilobyte).
 */
export function createMetrics(serviceName = 'newsletter', env = process.env): CountMetrics {
  const off = disabled(env);
  const emf = new EmfMetrics(undefined, { service: serviceName });
  return {
    count(name, value, dimensions = {}) {
      if (off || value <= 0) return;
      emf.count(name, value, dimensions);
    },
  };
}
