import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMetrics } from '../../functions/adapters/emf/count-metrics.ts';

/** The EMF documents written to stdout while `run` runs. */
function emitted(run: () => void): Record<string, unknown>[] {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    run();
  } finally {
    spy.mockRestore();
  }
  return lines
    .flatMap((l) => l.split('\n'))
    .filter((l) => l.includes('"_aws"'))
    .map((l) => JSON.parse(l));
}

describe('createMetrics', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('writes each count at once as one EMF document in the Newsletter namespace with its own dimensions', () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    const docs = emitted(() => {
      const metrics = createMetrics();
      metrics.count('sent', 3, { edition: '2026-W48', language: 'be' });
      metrics.count('confirmed', 1, { language: 'ru' });
    });
    expect(docs).toHaveLength(2);
    expect(docs[0]).toMatchObject({ service: 'newsletter', edition: '2026-W48', language: 'be', sent: 3 });
    expect(docs[0]?._aws).toMatchObject({
      CloudWatchMetrics: [
        {
          Namespace: 'Newsletter',
          Dimensions: [['service', 'edition', 'language']],
          Metrics: [{ Name: 'sent', Unit: 'Count' }],
        },
      ],
    });
    expect(docs[1]).toMatchObject({ language: 'ru', confirmed: 1 });
    expect(docs[1]).not.toHaveProperty('edition');
  });

  it('writes nothing for a zero count, or when metrics are disabled (local runs)', () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    expect(emitted(() => createMetrics().count('failed', 0, { language: 'en' }))).toEqual([]);
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
    expect(emitted(() => createMetrics().count('sent', 1))).toEqual([]);
  });

  it('follows POWERTOOLS_DEV only when POWERTOOLS_METRICS_DISABLED is not set, as Powertools does', () => {
    expect(emitted(() => createMetrics('newsletter', { POWERTOOLS_DEV: 'true' }).count('sent', 1))).toEqual([]);
    const on = { POWERTOOLS_DEV: 'true', POWERTOOLS_METRICS_DISABLED: 'false' };
    expect(emitted(() => createMetrics('newsletter', on).count('sent', 1))).toHaveLength(1);
    expect(emitted(() => createMetrics('newsletter', {}).count('sent', 2))[0]).toMatchObject({ sent: 2 });
  });
});
