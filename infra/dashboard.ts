import { Duration } from 'aws-cdk-lib';
import { Dashboard, GraphWidget, type IMetric, MathExpression, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../functions/adapters/emf/metrics.ts';

/** What the dashboard shows. */
export interface NewsletterDashboardProps {
  readonly functions: Record<string, IFunction>;
  readonly queues: { readonly send: IQueue; readonly deadLetters: IQueue; readonly invocationDeadLetters: IQueue };
}

const FIVE_MINUTES = Duration.minutes(5);

// The application's EMF metrics carry the Powertools `service` dimension plus their own (edition, language).
function search(metricName: string, dimensions: readonly string[], label: string): IMetric {
  const schema = [METRICS_NAMESPACE, ...dimensions, 'service'].join(',');
  return new MathExpression({
    expression: `SEARCH('{${schema}} MetricName="${metricName}"', 'Sum', 300)`,
    usingMetrics: {},
    label,
    period: FIVE_MINUTES,
  });
}

/** One CloudWatch dashboard: send progress per edition and language, readers, errors, SES reputation, queues. */
export class NewsletterDashboard extends Construct {
  /** The dashboard. */
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: NewsletterDashboardProps) {
    super(scope, id);
    const { send, deadLetters, invocationDeadLetters } = props.queues;
    const sending = ['edition', 'language'];
    this.dashboard = new Dashboard(this, 'Dashboard', { defaultInterval: Duration.days(7) });
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Send progress per edition and language (e-mails)',
        width: 12,
        left: ['sent', 'failed', 'skipped'].map((m) => search(m, sending, m)),
        right: [search('throttled', sending, 'throttled batches')],
      }),
      new GraphWidget({
        title: 'Readers per language',
        width: 12,
        left: ['subscribed', 'confirmed', 'unsubscribed'].map((m) => search(m, ['language'], m)),
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Function errors',
        width: 8,
        left: Object.entries(props.functions).map(([name, fn]) =>
          fn.metricErrors({ label: name, period: FIVE_MINUTES, statistic: 'Sum' }),
        ),
      }),
      new GraphWidget({
        title: 'SES reputation (account)',
        width: 8,
        left: ['Reputation.BounceRate', 'Reputation.ComplaintRate'].map(
          (metricName) => new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: FIVE_MINUTES }),
        ),
      }),
      new GraphWidget({
        title: 'Queue depth',
        width: 8,
        left: [
          send.metricApproximateNumberOfMessagesVisible({ label: 'send queue', period: FIVE_MINUTES }),
          send.metricApproximateNumberOfMessagesNotVisible({ label: 'in flight or backing off', period: FIVE_MINUTES }),
        ],
        right: [
          deadLetters.metricApproximateNumberOfMessagesVisible({ label: 'send DLQ', period: FIVE_MINUTES }),
          invocationDeadLetters.metricApproximateNumberOfMessagesVisible({
            label: 'invocation DLQ',
            period: FIVE_MINUTES,
          }),
        ],
      }),
    );
  }
}
