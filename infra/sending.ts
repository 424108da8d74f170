import { type CfnElement, Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Bindable } from './bindings.ts';
import { deliverBatchSize, deliverConcurrency, deliverSendRate } from './throughput.ts';

const round3 = (x: number) => Math.floor(x * 1000) / 1000;

/** Options of the send pipeline's queues. */
export interface SendQueuesProps {
  /** The deliverer's timeout; the queue's visibility timeout is six times it (AWS's advice for event sources). */
  readonly deliverTimeout: Duration;
}

const DLQ_REASON =
  'this queue is itself a dead-letter queue; what lands here is kept 14 days for inspection and redrive, and an alarm fires on the first message';

/** The send queue with its dead-letter queue, and a dead-letter queue for failed scheduled and event invocations. */
export class SendQueues extends Construct {
  /** Batches of recipients waiting to be delivered. */
  readonly queue: Queue;
  /** Batches the deliverer failed on repeatedly. */
  readonly deadLetterQueue: Queue;
  /** Schedule runs and SES events that could not be handed to their function. */
  readonly invocationDeadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: SendQueuesProps) {
    super(scope, id);
    const secure = { enforceSSL: true, encryption: QueueEncryption.SQS_MANAGED } as const;
    this.deadLetterQueue = new Queue(this, 'SendDlq', { ...secure, retentionPeriod: Duration.days(14) });
    this.invocationDeadLetterQueue = new Queue(this, 'InvocationDlq', {
      ...secure,
      retentionPeriod: Duration.days(14),
    });
    for (const dlq of [this.deadLetterQueue, this.invocationDeadLetterQueue]) {
      Validations.of(dlq).acknowledge({ id: 'AwsSolutions::AwsSolutions-SQS3', reason: DLQ_REASON });
    }
    this.queue = new Queue(this, 'SendQueue', {
      ...secure,
      visibilityTimeout: Duration.seconds(props.deliverTimeout.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      // The deliverer puts a batch that must wait back as a new message (for up to 48 hours of back-off), so receives
      // count crashes, and back-offs only once that budget is spent.
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 12 },
    });
  }

  /**
   * Feeds the queue to the deliverer: as many messages an invocation as it sends within its time budget at its paced
   * rate (deliverBatchSize), handled one after another so the concurrency formula holds; partial batch responses;
   * concurrency from the SES rate.
   */
  attachDeliverer(fn: Bindable, options: { sesMaxSendRate: number; timeout: Duration }): SqsEventSource {
    // QUEUE_URL lets it put back what must wait (a back-off as a new message, a re-check of held deliveries) and
    // delay a message past its deferral budget (ChangeMessageVisibility, granted with the event source).
    fn.addEnvironment('QUEUE_URL', this.queue.queueUrl);
    this.queue.grant(fn, 'sqs:SendMessage');
    // A claim older than this counts as abandoned: longer than any live invocation, shorter than the visibility
    // timeout, so a redelivered batch can take over what a dead consumer left.
    fn.addEnvironment('DELIVER_CLAIM_TIMEOUT_SECONDS', String(options.timeout.toSeconds() * 3));
    // Each invocation paces its SendEmail calls to its share of the account's rate (a token bucket per invocation).
    fn.addEnvironment('DELIVER_SEND_RATE', String(round3(deliverSendRate(options.sesMaxSendRate))));
    const source = new SqsEventSource(this.queue, {
      batchSize: deliverBatchSize(options.sesMaxSendRate),
      reportBatchItemFailures: true,
      maxConcurrency: deliverConcurrency(options.sesMaxSendRate),
    });
    fn.addEventSource(source);
    return source;
  }

  /** Runs the dispatcher on the weekly schedule, in the given time zone, with retries and a dead-letter queue. */
  scheduleDispatcher(fn: IFunction, when: { expression: string; timezone: string }): Schedule {
    const role = new Role(this, 'SchedulerRole', {
      description: 'Lets EventBridge Scheduler start the weekly send',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    });
    const schedule = new Schedule(this, 'WeeklySend', {
      description: 'Starts the weekly edition send',
      schedule: ScheduleExpression.expression(when.expression, TimeZone.of(when.timezone)),
      target: new LambdaInvoke(fn, {
        role,
        // `{}`: the dispatcher sends the current ISO week's edition.
        input: ScheduleTargetInput.fromObject({}),
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: this.invocationDeadLetterQueue,
      }),
    });
    // The schedule hands the event over; Lambda runs it asynchronously. A failed run (the edition held by a dispatcher
    // whose lease has not run out yet) is retried twice, then lands in the invocation dead-letter queue (alarmed).
    fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.invocationDeadLetterQueue),
    });
    // The target's grantInvoke also covers the function's versions and aliases (`<arn>:*`); this function has none.
    Validations.of(role).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*]`,
      reason:
        'the wildcard only spans qualifiers (versions, aliases) of the one dispatch function, added by the CDK scheduler target; the schedule invokes the unqualified function',
    });
    return schedule;
  }
}
