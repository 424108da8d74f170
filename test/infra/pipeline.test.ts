import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CfnResource, functionsByEntry, ofType, render, synth } from './synth.ts';

describe('the weekly send pipeline, SES, secret, alarms and outputs', () => {
  let template: Template;
  let resources: Record<string, CfnResource>;
  let functions: ReturnType<typeof functionsByEntry>;
  const fnId = (entry: Parameters<typeof functions.get>[0]) => functions.get(entry)?.[0] ?? `missing-${entry}`;
  const queues = () => ofType(resources, 'AWS::SQS::Queue');

  beforeAll(() => {
    ({ template, resources } = synth());
    functions = functionsByEntry(resources);
  });

  describe('queues', () => {
    it('are all encrypted and refuse requests without TLS', () => {
      expect(queues()).toHaveLength(5);
      for (const [id, q] of queues()) expect(q.Properties.SqsManagedSseEnabled, id).toBe(true);
      const policies = ofType(resources, 'AWS::SQS::QueuePolicy').map(([, p]) => JSON.stringify(p.Properties));
      for (const [id] of queues()) {
        const policy = policies.find((p) => p.includes(`"${id}"`) && p.includes('"aws:SecureTransport":"false"'));
        expect(policy, id).toBeDefined();
      }
    });

    it('send failing batches to a dead-letter queue, with a visibility timeout of six deliverer timeouts', () => {
      const [, send] = queues().find(([id]) => id.startsWith('SendingSendQueue')) ?? [];
      const deliverTimeout = functions.get('deliver')?.[1].Properties.Timeout ?? 60;
      expect(send?.Properties.VisibilityTimeout).toBe(6 * Number(deliverTimeout));
      expect(send?.Properties.RedrivePolicy).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': [expect.stringMatching(/^SendingSendDlq/), 'Arn'] },
        maxReceiveCount: 12,
      });
    });
  });

  it('feeds the deliverer batches of 5 with partial batch responses and capped concurrency', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fnId('deliver') },
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SendingSendQueue'), 'Arn'] },
      BatchSize: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      // sesMaxSendRate 50 × 0.1 s per send × 1.5 headroom = 7.5, so 8 concurrent deliverers.
      ScalingConfig: { MaximumConcurrency: 8 },
    });
  });

  it('paces each deliverer invocation to its share of the SES rate (50 e-mails/s over 8 invocations)', () => {
    const deliver = functions.get('deliver')?.[1].Properties ?? {};
    const vars = (deliver.Environment as { Variables: Record<string, string> }).Variables;
    expect(vars.DELIVER_SEND_RATE).toBe('6.25');
  });

  it('takes over abandoned delivery claims after the deliverer timeout and before redelivery', () => {
    const deliver = functions.get('deliver')?.[1].Properties ?? {};
    const vars = (deliver.Environment as { Variables: Record<string, string> }).Variables;
    const [, send] = queues().find(([id]) => id.startsWith('SendingSendQueue')) ?? [];
    const claim = Number(vars.DELIVER_CLAIM_TIMEOUT_SECONDS);
    expect(claim).toBeGreaterThan(Number(deliver.Timeout));
    expect(claim).toBeLessThan(Number(send?.Properties.VisibilityTimeout));
  });

  it('starts the dispatcher on the configured schedule and time zone, with retries and a DLQ', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 7 ? * MON *)',
      ScheduleExpressionTimezone: 'Europe/Vilnius',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [fnId('dispatch'), 'Arn'] },
        Input: '{}',
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 7200 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SendingInvocationDlq'), 'Arn'] } },
      },
    });
  });

  it('retries a failed dispatch twice, then parks the event in the invocation DLQ', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: fnId('dispatch') },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 21600,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SendingInvocationDlq'), 'Arn'] } },
      },
    });
    const dispatch = functions.get('dispatch')?.[1].Properties ?? {};
    expect(dispatch.Timeout).toBe(900);
  });

  it('defaults to Fridays 09:00 in Europe/Minsk', () => {
    const { template: defaults } = synth({ senderEmail: 'weekly@example.org' });
    defaults.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 9 ? * FRI *)',
      ScheduleExpressionTimezone: 'Europe/Minsk',
    });
  });

  describe('SES', () => {
    it('verifies the sender domain with Easy DKIM and a custom MAIL FROM', () => {
      template.hasResourceProperties('AWS::SES::EmailIdentity', {
        EmailIdentity: 'example.org',
        DkimAttributes: { SigningEnabled: true },
        MailFromAttributes: { MailFromDomain: 'mail.example.org' },
        ConfigurationSetAttributes: { ConfigurationSetName: { Ref: Match.stringLikeRegexp('^EmailConfigurationSet') } },
      });
    });

    it('verifies the sender address alone when no domain is configured', () => {
      const { template: single } = synth({ senderEmail: 'Weekly <weekly@example.org>' });
      single.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'weekly@example.org' });
    });

    it('has a configuration set with reputation metrics that publishes events to the default bus', () => {
      template.hasResourceProperties('AWS::SES::ConfigurationSet', {
        ReputationOptions: { ReputationMetricsEnabled: true },
      });
      const [, destination] = ofType(resources, 'AWS::SES::ConfigurationSetEventDestination')[0] ?? [];
      const props = destination?.Properties.EventDestination as Record<string, unknown>;
      expect(props.Enabled).toBe(true);
      // Only what ses-events acts on: a delivery event was one useless invocation per e-mail, and SendEmail already
      // answers a reject to the deliverer.
      expect((props.MatchingEventTypes as string[]).sort()).toEqual(['bounce', 'complaint']);
      expect(render((props.EventBridgeDestination as { EventBusArn: unknown }).EventBusArn)).toBe(
        'arn:aws:events:eu-central-1:123456789012:event-bus/default',
      );
    });

    it('routes the set’s bounces and complaints to the SES-events function', () => {
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: {
          source: ['aws.ses'],
          'detail-type': ['Email Bounced', 'Email Complaint Received'],
          detail: {
            mail: { tags: { 'ses:configuration-set': [{ Ref: Match.stringLikeRegexp('^EmailConfigurationSet') }] } },
          },
        },
        Targets: [
          Match.objectLike({
            Arn: { 'Fn::GetAtt': [fnId('ses-events'), 'Arn'] },
            DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SendingInvocationDlq'), 'Arn'] } },
          }),
        ],
      });
    });
  });

  it('generates the token secret at deploy as {"master": 48 characters}', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: {
        SecretStringTemplate: '{}',
        GenerateStringKey: 'master',
        ExcludePunctuation: true,
        PasswordLength: 48,
      },
    });
  });

  describe('alarms', () => {
    const alarms = () => ofType(resources, 'AWS::CloudWatch::Alarm').map(([id, a]) => [id, a.Properties] as const);

    it('fire on the first message in either dead-letter queue', () => {
      for (const prefix of ['SendingSendDlq', 'SendingInvocationDlq']) {
        const alarm = alarms().find(([, a]) => JSON.stringify(a.Dimensions ?? []).includes(prefix));
        expect(alarm?.[1], prefix).toMatchObject({
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
        });
      }
    });

    it('fire on errors of every function', () => {
      for (const [entry, [id]] of functions) {
        const alarm = alarms().find(([, a]) => a.MetricName === 'Errors' && JSON.stringify(a.Dimensions).includes(id));
        expect(alarm?.[1], entry).toMatchObject({ Namespace: 'AWS/Lambda', Threshold: 0 });
      }
    });

    it('fire on SES complaint rate over 0.1% and bounce rate over 2%', () => {
      const ses = Object.fromEntries(
        alarms()
          .filter(([, a]) => a.Namespace === 'AWS/SES')
          .map(([, a]) => [a.MetricName, a.Threshold]),
      );
      expect(ses).toEqual({ 'Reputation.ComplaintRate': 0.001, 'Reputation.BounceRate': 0.02 });
    });

    it('fire on any delivery settled failed or uncertain, counted from the deliverer log', () => {
      const [deliverId] = functions.get('deliver') ?? [];
      const filters = ofType(resources, 'AWS::Logs::MetricFilter')
        .map(([, f]) => f.Properties)
        .filter((f) => render(f.LogGroupName, resources).startsWith('Deliver'));
      const byName = (name: string) => filters.find((f) => JSON.stringify(f.MetricTransformations).includes(name));
      expect(byName('FailedDeliveries')?.FilterPattern).toBe('{ $.message = "deliver: rejected by SES" }');
      expect(byName('UncertainDeliveries')?.FilterPattern).toBe(
        '{ $.message = "deliver: SES answer lost, not resent" }',
      );
      for (const name of ['FailedDeliveries', 'UncertainDeliveries']) {
        const alarm = alarms().find(([, a]) => a.MetricName === name);
        expect(alarm?.[1], name).toMatchObject({
          Namespace: 'Newsletter',
          Statistic: 'Sum',
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
        });
      }
      expect(deliverId).toBeDefined();
    });

    it('notify the alarm e-mail through one SNS topic', () => {
      const topics = ofType(resources, 'AWS::SNS::Topic');
      expect(topics).toHaveLength(1);
      template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org' });
      for (const [id, a] of alarms()) expect(a.AlarmActions, id).toEqual([{ Ref: topics[0]?.[0] }]);
    });
  });

  it('outputs the DNS records a domain identity needs', () => {
    for (const name of ['DkimCname1', 'DkimCname2', 'DkimCname3', 'MailFromRecords']) {
      template.hasOutput(name, { Value: Match.anyValue() });
    }
  });

  it('outputs the API URL, the table name and the widget URL', () => {
    template.hasOutput('ApiUrl', { Value: Match.anyValue() });
    template.hasOutput('TableName', { Value: { Ref: Match.stringLikeRegexp('^Table') } });
    template.hasOutput('WidgetUrl', { Value: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
  });
});
