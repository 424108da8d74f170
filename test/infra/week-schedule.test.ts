import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { functionsByEntry, ofType, synth, TEST_CONTEXT } from './synth.ts';

const context = {
  ...TEST_CONTEXT,
  prepareSchedule: 'cron(30 5 ? * MON *)',
  feeds: '{"en":["https://example.org/en/rss.xml"],"ru":["https://example.org/ru/feed.json"]}',
  feedTrends: '{"worse":"worse"}',
  editorEmails: 'editor@example.org,chief@example.org',
};

describe("the stack's second schedule, feeds and editors", () => {
  const { template, resources } = synth(context);
  const functions = functionsByEntry(resources);
  const fnId = (entry: 'prepare' | 'admin' | 'hold' | 'repermission') =>
    functions.get(entry)?.[0] ?? `missing ${entry}`;
  const vars = (entry: 'prepare' | 'admin' | 'hold') =>
    (functions.get(entry)?.[1].Properties.Environment as { Variables: Record<string, string> } | undefined)
      ?.Variables ?? {};

  it('runs prepare on prepareSchedule in the send time zone, once retried, with the invocation DLQ', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 5 ? * MON *)',
      ScheduleExpressionTimezone: 'Europe/Vilnius',
      Target: {
        Arn: { 'Fn::GetAtt': [fnId('prepare'), 'Arn'] },
        Input: '{}',
        RetryPolicy: { MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SendingInvocationDlq'), 'Arn'] } },
      },
    });
  });

  it("runs the imports' re-permission steps daily (a day's precision for the 7-day reminder), twice retried", () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 10 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Vilnius',
      Target: {
        Arn: { 'Fn::GetAtt': [fnId('repermission'), 'Arn'] },
        Input: '{}',
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SendingInvocationDlq'), 'Arn'] } },
      },
    });
  });

  it('defaults prepare to Fridays 07:00 in Europe/Minsk, two hours before the send', () => {
    const { template: defaults } = synth({ senderEmail: 'weekly@example.org' });
    const schedules = defaults.findResources('AWS::Scheduler::Schedule');
    const expressions = Object.values(schedules).map((s) => [
      (s as { Properties: Record<string, string> }).Properties.ScheduleExpression,
      (s as { Properties: Record<string, string> }).Properties.ScheduleExpressionTimezone,
    ]);
    expect(expressions).toEqual(
      expect.arrayContaining([
        ['cron(0 9 ? * FRI *)', 'Europe/Minsk'],
        ['cron(0 7 ? * FRI *)', 'Europe/Minsk'],
      ]),
    );
  });

  it('hands FEEDS, FEED_TRENDS and EDITOR_EMAILS to prepare and to the editors API', () => {
    for (const entry of ['prepare', 'admin'] as const) {
      expect(JSON.parse(vars(entry).FEEDS as string)).toEqual({
        en: ['https://example.org/en/rss.xml'],
        ru: ['https://example.org/ru/feed.json'],
      });
      expect(vars(entry).FEED_TRENDS).toBe('{"worse":"worse"}');
      expect(vars(entry).EDITOR_EMAILS).toBe('editor@example.org,chief@example.org');
    }
  });

  it('alarms on the first failed feed pull', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'Newsletter',
      MetricName: 'FeedPullFailures',
      Statistic: 'Sum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^AlarmsTopic') }],
    });
  });

  it('routes GET and POST /hold, without IAM, to the hold function', () => {
    const routes = ofType(resources, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    for (const key of ['GET /hold', 'POST /hold']) {
      const route = routes.find((r) => r.RouteKey === key);
      expect(route?.AuthorizationType ?? 'NONE').toBe('NONE');
    }
  });

  it('refuses a feed that is not an http(s) URL and an editor that is not an address', () => {
    expect(() => synth({ ...context, feeds: '{"en":["ftp://example.org/feed"]}' })).toThrow(/feeds/);
    expect(() => synth({ ...context, editorEmails: 'not-an-address' })).toThrow(/editorEmails/);
  });
});
