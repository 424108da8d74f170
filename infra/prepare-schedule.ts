import { type CfnElement, Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * The second schedule: runs `prepare` (feeds, editors' preview) at `expression` in `timezone` with input `{}`.
 * One retry only: a retried run mails the preview again, so a run that keeps failing goes to the dead-letter queue.
 */
export function schedulePrepare(
  scope: Construct,
  id: string,
  fn: IFunction,
  when: { expression: string; timezone: string; deadLetterQueue: IQueue; description?: string; retryAttempts?: number },
): Schedule {
  const role = new Role(scope, `${id}SchedulerRole`, {
    description: when.description
      ? `Lets EventBridge Scheduler: ${when.description}`
      : 'Lets EventBridge Scheduler run prepare before the weekly send',
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
    }),
  });
  const schedule = new Schedule(scope, `${id}Schedule`, {
    description: when.description ?? "Pulls the feeds and mails the editors' preview before the weekly send",
    schedule: ScheduleExpression.expression(when.expression, TimeZone.of(when.timezone)),
    target: new LambdaInvoke(fn, {
      role,
      input: ScheduleTargetInput.fromObject({}),
      retryAttempts: when.retryAttempts ?? 1,
      maxEventAge: Duration.hours(1),
      deadLetterQueue: when.deadLetterQueue,
    }),
  });
  // The schedule hands the event over; Lambda runs it asynchronously. A run that fails is retried once (not Lambda's
  // default two: a retry mails the preview again), then parked in the alarmed dead-letter queue: run
  // `npm run newsletter -- prepare` by hand.
  fn.configureAsyncInvoke({
    retryAttempts: when.retryAttempts ?? 1,
    maxEventAge: Duration.hours(1),
    onFailure: new SqsDestination(when.deadLetterQueue),
  });
  Validations.of(role).acknowledge({
    id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${Stack.of(scope).getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*]`,
    reason:
      'the wildcard only spans qualifiers (versions, aliases) of the one prepare function, added by the CDK scheduler target; the schedule invokes the unqualified function',
  });
  return schedule;
}
