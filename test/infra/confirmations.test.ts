import { beforeAll, describe, expect, it } from 'vitest';
import { type CfnResource, functionsByEntry, ofType, render, synth } from './synth.ts';

describe('the confirmation queue between subscribe and the confirmation mailer', () => {
  let resources: Record<string, CfnResource>;
  let functions: ReturnType<typeof functionsByEntry>;
  const queue = (prefix: string) => ofType(resources, 'AWS::SQS::Queue').find(([id]) => id.startsWith(prefix));
  const envOf = (entry: 'subscribe' | 'send-confirmation') => {
    const fn = functions.get(entry);
    if (!fn) throw new Error(`no ${entry} function`);
    return (fn[1].Properties.Environment as { Variables: Record<string, unknown> }).Variables;
  };

  beforeAll(() => {
    ({ resources } = synth());
    functions = functionsByEntry(resources);
  });

  it('is where subscribe puts its requests (CONFIRM_QUEUE_URL), and subscribe gets no SES settings it could use', () => {
    const [id] = queue('ConfirmationsQueue') ?? [];
    expect(render(envOf('subscribe').CONFIRM_QUEUE_URL, resources)).toBe(
      `https://sqs.eu-central-1.amazonaws.com/123456789012/${id}`,
    );
    expect(envOf('send-confirmation').CONFIRM_QUEUE_URL).toBeUndefined();
  });

  it('caps confirmation e-mails per hour account-wide (confirmationsPerHour, 300) and alarms when one is paused', () => {
    expect(envOf('send-confirmation').CONFIRMATIONS_PER_HOUR).toBe('300');
    const alarms = ofType(resources, 'AWS::CloudWatch::Alarm').filter(
      ([, a]) => a.Properties.MetricName === 'ConfirmationsPaused',
    );
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.[1].Properties).toMatchObject({
      Namespace: 'Newsletter',
      Statistic: 'Sum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [expect.anything()],
    });
  });

  it('retries a failed send through the visibility timeout, then dead-letters it after five receives', () => {
    const [, q] = queue('ConfirmationsQueue') ?? [];
    const timeout = Number(functions.get('send-confirmation')?.[1].Properties.Timeout);
    expect(q?.Properties.VisibilityTimeout).toBe(6 * timeout);
    expect(q?.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [expect.stringMatching(/^ConfirmationsDlq/), 'Arn'] },
      maxReceiveCount: 5,
    });
  });

  it('keeps the addresses it carries only briefly: a day in the queue, three days in its dead-letter queue', () => {
    const seconds = (prefix: string) => queue(prefix)?.[1].Properties.MessageRetentionPeriod;
    expect(seconds('ConfirmationsQueue')).toBe(24 * 3600);
    expect(seconds('ConfirmationsDlq')).toBe(3 * 24 * 3600);
  });

  it('feeds the mailer with partial batch responses', () => {
    const [qid] = queue('ConfirmationsQueue') ?? [];
    const [fid] = functions.get('send-confirmation') ?? [];
    const mappings = ofType(resources, 'AWS::Lambda::EventSourceMapping').filter(
      ([, m]) => render(m.Properties.EventSourceArn) === `${qid}.Arn`,
    );
    expect(mappings).toHaveLength(1);
    expect(mappings[0]?.[1].Properties).toMatchObject({
      FunctionName: { Ref: fid },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('alarms on the first message in its dead-letter queue', () => {
    const [dlq] = queue('ConfirmationsDlq') ?? [];
    const alarms = ofType(resources, 'AWS::CloudWatch::Alarm').filter(([, a]) =>
      JSON.stringify(a.Properties.Dimensions ?? []).includes(`"${dlq}"`),
    );
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.[1].Properties).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });
});
