import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, type ILogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../functions/adapters/emf/metrics.ts';

/** The SES rates we alarm on; AWS puts an account under review at 0.1% complaints or 5% bounces. */
export const SES_LIMITS = { complaintRate: 0.001, bounceRate: 0.02 } as const;

/** Options of the alarms. */
export interface AlarmsProps {
  /** Receives every alarm; without it the alarms still show in the console and the topic can be subscribed later. */
  readonly alarmEmail?: string;
}

/** CloudWatch alarms on dead-letter queues, function errors and SES reputation, sent to one SNS topic. */
export class Alarms extends Construct {
  /** Where alarms are published. */
  readonly topic: Topic;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'Newsletter alarms', enforceSSL: true });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SNS2',
      reason:
        'alarm notifications carry alarm names and metric values only, no personal data; CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key, and a customer-managed KMS key ($1/month plus requests) would protect nothing',
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.action = new SnsAction(this.topic);
    this.sesReputation();
  }

  /** Alarms on the first message in a dead-letter queue. */
  deadLetters(id: string, queue: IQueue, what: string): Alarm {
    return this.alarm(id, {
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 0,
      description: `${what} landed in a dead-letter queue`,
    });
  }

  /** Alarms on any error of a function within five minutes. */
  functionErrors(id: string, fn: IFunction): Alarm {
    return this.alarm(id, {
      metric: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 0,
      description: `The ${id.replace(/Errors$/, '')} function failed`,
    });
  }

  /** Alarms when a feed pull failed (the FeedPullFailures metric the pull writes as EMF). */
  feedPullFailures(id: string): Alarm {
    return this.alarm(id, {
      metric: new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: 'FeedPullFailures',
        period: Duration.hours(1),
        statistic: 'Sum',
      }),
      threshold: 0,
      description: 'A feed could not be pulled (see the prepare or admin function log for its URL and reason)',
    });
  }

  /** Alarms when the hourly ceiling held back a confirmation e-mail (a signup flood, or a ceiling set too low). */
  confirmationsPaused(id: string): Alarm {
    return this.alarm(id, {
      metric: new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: 'ConfirmationsPaused',
        period: Duration.minutes(15),
        statistic: 'Sum',
      }),
      threshold: 0,
      description:
        'Confirmation e-mails are paused: the confirmationsPerHour ceiling was reached (a signup flood?); they resume each hour',
    });
  }

  /**
   * Alarms on any delivery settled `failed` (SES rejected the e-mail to that reader: never retried) and on any
   * settled `uncertain` (SES's answer was lost: never resent), counted from the deliverer's log lines by metric
   * filters, since the EMF counts carry the edition as a dimension and an alarm cannot follow a changing one.
   */
  deliveryOutcomes(logGroup: ILogGroup): Alarm[] {
    const outcomes = [
      [
        'FailedDeliveries',
        'deliver: rejected by SES',
        'SES rejected an e-mail of the weekly send (the reader is settled failed)',
      ],
      [
        'UncertainDeliveries',
        'deliver: SES answer lost, not resent',
        "SES's answer to an e-mail was lost: it may or may not have been sent, and is not resent",
      ],
    ] as const;
    return outcomes.map(([metricName, message, description]) => {
      new MetricFilter(this, `${metricName}Filter`, {
        logGroup,
        filterPattern: FilterPattern.stringValue('$.message', '=', message),
        metricNamespace: METRICS_NAMESPACE,
        metricName,
        metricValue: '1',
      });
      const metric = new Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        period: Duration.minutes(5),
        statistic: 'Sum',
      });
      return this.alarm(metricName, { metric, threshold: 0, description });
    });
  }

  private sesReputation(): void {
    // Account-wide rates, as AWS evaluates them when it reviews or pauses sending.
    const rate = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, period: Duration.minutes(15), statistic: 'Maximum' });
    this.alarm('SesComplaintRate', {
      metric: rate('Reputation.ComplaintRate'),
      threshold: SES_LIMITS.complaintRate,
      description: 'SES complaint rate is over 0.1%',
    });
    this.alarm('SesBounceRate', {
      metric: rate('Reputation.BounceRate'),
      threshold: SES_LIMITS.bounceRate,
      description: 'SES bounce rate is over 2%',
    });
  }

  private alarm(id: string, props: { metric: Metric; threshold: number; description: string }): Alarm {
    const alarm = new Alarm(this, id, {
      metric: props.metric,
      threshold: props.threshold,
      alarmDescription: props.description,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }
}
