import type { Counted } from './memory/metrics.ts';

interface Directive {
  readonly Namespace?: unknown;
  readonly Dimensions?: unknown;
  readonly Metrics?: unknown;
}

/**
 * Reads CloudWatch embedded-metric-format lines from printed output as CloudWatch Logs does: every JSON line with an
 * `_aws.CloudWatchMetrics` directive gives, per metric it names, the document's value of that name under the
 * dimension values the directive's dimension set names. A directive CloudWatch would reject (no namespace, a
 * dimension without a string value, a metric without a number) throws, naming the line.
 */
export function readEmf(output: string, namespace: string): Counted[] {
  const counted: Counted[] = [];
  for (const line of output.split('\n')) {
    if (!line.includes('"_aws"')) continue;
    const doc = JSON.parse(line) as Record<string, unknown> & { _aws?: { CloudWatchMetrics?: Directive[] } };
    for (const directive of doc._aws?.CloudWatchMetrics ?? []) {
      if (directive.Namespace !== namespace) throw new Error(`EMF line in another namespace: ${line}`);
      const sets = directive.Dimensions as string[][];
      for (const metric of directive.Metrics as { Name: string }[]) {
        const value = doc[metric.Name];
        if (typeof value !== 'number') throw new Error(`EMF metric ${metric.Name} without a number: ${line}`);
        for (const set of sets) {
          const dimensions = Object.fromEntries(set.map((key) => [key, doc[key]]));
          if (Object.values(dimensions).some((v) => typeof v !== 'string'))
            throw new Error(`EMF dimension without a value: ${line}`);
          counted.push({ name: metric.Name, value, dimensions: dimensions as Record<string, string> });
        }
      }
    }
  }
  return counted;
}
