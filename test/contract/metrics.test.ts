import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../functions/adapters/emf/count-metrics.ts';
import { EmfMetrics, METRICS_NAMESPACE } from '../../functions/adapters/emf/metrics.ts';
import type { CountMetrics } from '../../functions/app/ports/count-metrics.ts';
import type { Metrics } from '../../functions/app/ports/metrics.ts';
import { readEmf } from '../support/emf.ts';
import { type Counted, MemoryMetrics } from '../support/memory/metrics.ts';
import { captureOutput, type OutputCapture } from '../support/output-capture.ts';

/** A metrics port under test, what its backend received, and how to stop looking. */
interface MetricsUnderTest<M> {
  readonly metrics: M;
  received(): Counted[];
  close?(): void;
}

/** The total the backend received for `name` under every count whose dimensions include `dimensions`. */
function total(counted: readonly Counted[], name: string, dimensions: Record<string, string> = {}): number {
  return counted
    .filter((c) => c.name === name && Object.entries(dimensions).every(([k, v]) => c.dimensions[k] === v))
    .reduce((sum, c) => sum + c.value, 0);
}

function useUnder<M>(make: () => Promise<MetricsUnderTest<M>>): () => MetricsUnderTest<M> {
  let under: MetricsUnderTest<M>;
  beforeEach(async () => {
    under = await make();
  });
  afterEach(() => under.close?.());
  return () => under;
}

/** The count metrics' contract: each count reaches the backend with its value, apart by its dimensions. */
export function describeCountMetrics(name: string, make: () => Promise<MetricsUnderTest<CountMetrics>>): void {
  describe(`count metrics: ${name}`, () => {
    const under = useUnder(make);

    it('counts each metric with its value under its own dimensions, kept apart by them', () => {
      under().metrics.count('sent', 3, { edition: '2026-W48', language: 'be' });
      under().metrics.count('sent', 2, { edition: '2026-W48', language: 'en' });
      under().metrics.count('failed', 1, { edition: '2026-W48', language: 'be' });
      under().metrics.count('confirmed', 1);
      const got = under().received();
      expect(total(got, 'sent', { edition: '2026-W48', language: 'be' })).toBe(3);
      expect(total(got, 'sent', { language: 'en' })).toBe(2);
      expect(total(got, 'sent')).toBe(5);
      expect(total(got, 'failed')).toBe(1);
      expect(total(got, 'confirmed')).toBe(1);
      expect(total(got, 'skipped')).toBe(0);
    });

    it('adds a count of zero to nothing', () => {
      under().metrics.count('throttled', 0, { language: 'ru' });
      expect(total(under().received(), 'throttled')).toBe(0);
    });
  });
}

/** The operational metrics' contract: a count without a value counts one, one with a value counts that. */
export function describeMetrics(name: string, make: () => Promise<MetricsUnderTest<Metrics>>): void {
  describe(`metrics: ${name}`, () => {
    const under = useUnder(make);

    it('counts one by default and the value given otherwise', () => {
      under().metrics.count('FeedPullFailures');
      under().metrics.count('FeedPullFailures', 4);
      under().metrics.count('ReportsSent', 1);
      expect(total(under().received(), 'FeedPullFailures')).toBe(5);
      expect(total(under().received(), 'ReportsSent')).toBe(1);
    });
  });
}

/** An EMF adapter on stdout, read back as CloudWatch reads the function's log. */
function onStdout<M>(build: () => M): () => Promise<MetricsUnderTest<M>> {
  return async () => {
    const output: OutputCapture = captureOutput();
    return {
      metrics: build(),
      received: () => readEmf(output.text(), METRICS_NAMESPACE),
      close: () => output.restore(),
    };
  };
}

describeCountMetrics(
  'EMF lines on stdout (createMetrics)',
  onStdout(() => createMetrics('newsletter', { POWERTOOLS_METRICS_DISABLED: 'false' })),
);
describeCountMetrics('in memory', async () => {
  const metrics = new MemoryMetrics();
  return { metrics, received: () => metrics.counts };
});
describeMetrics(
  'EMF lines on stdout (EmfMetrics)',
  onStdout(() => new EmfMetrics()),
);
describeMetrics('in memory', async () => {
  const metrics = new MemoryMetrics();
  return { metrics, received: () => metrics.counts };
});
