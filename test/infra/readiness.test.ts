import { beforeAll, describe, expect, it } from 'vitest';
import { parseStackConfig } from '../../infra/config.ts';
import { type CfnResource, functionsByEntry, ofType, render, synth } from './synth.ts';

// Issue 20 items 4, 5, 8 and 9 (the parts outside IAM): what a real account needs of the template.

type Ref = { Ref?: string; 'Fn::GetAtt'?: [string, string] };
const idOf = (value: unknown) => {
  const v = value as Ref;
  return v.Ref ?? v['Fn::GetAtt']?.[0] ?? JSON.stringify(value);
};

describe('a deployable stack', () => {
  let resources: Record<string, CfnResource>;
  let functions: ReturnType<typeof functionsByEntry>;
  const fnId = (entry: Parameters<typeof functions.get>[0]) => functions.get(entry)?.[0] ?? `missing-${entry}`;

  // A synth takes seconds, more on a busy machine.
  beforeAll(() => {
    ({ resources } = synth());
    functions = functionsByEntry(resources);
  }, 300_000);

  /** Every function something invokes asynchronously: schedules, EventBridge rules, SES receipt rules. */
  function asyncTargets(): Set<string> {
    const targets = new Set<string>();
    for (const [, s] of ofType(resources, 'AWS::Scheduler::Schedule'))
      targets.add(idOf((s.Properties.Target as { Arn: unknown }).Arn));
    for (const [, r] of ofType(resources, 'AWS::Events::Rule'))
      for (const t of r.Properties.Targets as { Arn: unknown }[]) targets.add(idOf(t.Arn));
    for (const [, r] of ofType(resources, 'AWS::SES::ReceiptRule')) {
      const actions = (r.Properties.Rule as { Actions: { LambdaAction?: { FunctionArn: unknown } }[] }).Actions;
      for (const a of actions) if (a.LambdaAction) targets.add(idOf(a.LambdaAction.FunctionArn));
    }
    return targets;
  }

  describe('asynchronous invocations (item 4)', () => {
    it('include prepare and ses-events', () => {
      expect([...asyncTargets()].sort()).toEqual(
        [fnId('dispatch'), fnId('prepare'), fnId('repermission'), fnId('ses-events'), fnId('inbound')].sort(),
      );
    });

    it('each have their own retry count and an on-failure dead-letter queue that is alarmed', () => {
      const configs = ofType(resources, 'AWS::Lambda::EventInvokeConfig').map(([, c]) => c.Properties);
      const alarmed = ofType(resources, 'AWS::CloudWatch::Alarm')
        .filter(([, a]) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible')
        .map(([, a]) => JSON.stringify(a.Properties.Dimensions));
      for (const target of asyncTargets()) {
        const config = configs.find((c) => idOf(c.FunctionName) === target);
        expect(config, target).toBeDefined();
        expect(config?.MaximumRetryAttempts, target).toEqual(expect.any(Number));
        expect(config?.MaximumEventAgeInSeconds, target).toEqual(expect.any(Number));
        const destination = config?.DestinationConfig as { OnFailure?: { Destination?: unknown } } | undefined;
        const dlq = idOf(destination?.OnFailure?.Destination);
        expect(resources[dlq]?.Type, target).toBe('AWS::SQS::Queue');
        expect(
          alarmed.some((d) => d.includes(`"${dlq}"`)),
          `${target}: alarm on ${dlq}`,
        ).toBe(true);
      }
    });

    it('retry prepare once (a retry mails the preview again) and an SES event twice (applying it is idempotent)', () => {
      const retries = (entry: 'prepare' | 'ses-events') =>
        ofType(resources, 'AWS::Lambda::EventInvokeConfig').find(
          ([, c]) => idOf(c.Properties.FunctionName) === fnId(entry),
        )?.[1].Properties.MaximumRetryAttempts;
      expect(retries('prepare')).toBe(1);
      expect(retries('ses-events')).toBe(2);
    });
    // Only bounces and complaints reach ses-events: test/infra/pipeline.test.ts.
  });

  describe('the token secret (item 5)', () => {
    it('is kept when the stack is deleted or the resource replaced', () => {
      const [, secret] = ofType(resources, 'AWS::SecretsManager::Secret')[0] ?? [];
      expect(secret).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    });

    it('keeps the logical id and the generation settings it was first deployed with (a change regenerates master)', () => {
      // Never edit these expectations: a different id or generateSecretString makes CloudFormation replace the
      // secret, new subscriber ids are derived and every link in every mailbox stops working (docs/deploying.md).
      const secrets = ofType(resources, 'AWS::SecretsManager::Secret');
      expect(secrets.map(([id]) => id)).toEqual(['SecretA720EF05']);
      expect(secrets[0]?.[1].Properties.GenerateSecretString).toEqual({
        SecretStringTemplate: '{}',
        GenerateStringKey: 'master',
        ExcludePunctuation: true,
        PasswordLength: 48,
      });
      expect(secrets[0]?.[1].Properties.Name).toBeUndefined();
    });
  });

  describe('least privilege outside IAM roles (item 9)', () => {
    it('protects the table from deletion', () => {
      const [, table] = ofType(resources, 'AWS::DynamoDB::Table')[0] ?? [];
      expect(table?.Properties.DeletionProtectionEnabled).toBe(true);
    });

    it("lets SES write received mail only for this account's own receipt rule (aws:SourceArn)", () => {
      const [ruleId, rule] = ofType(resources, 'AWS::SES::ReceiptRule')[0] ?? [];
      const ruleName = (rule?.Properties.Rule as { Name?: string } | undefined)?.Name;
      expect(ruleName, ruleId).toBe('inbound-mail');
      const ruleSet = idOf(rule?.Properties.RuleSetName);
      const [, policy] = ofType(resources, 'AWS::S3::BucketPolicy')[0] ?? [];
      const document = policy?.Properties.PolicyDocument as { Statement: Record<string, unknown>[] } | undefined;
      const statements = document?.Statement ?? [];
      const ses = statements.filter((s) => JSON.stringify(s.Principal).includes('ses.amazonaws.com'));
      expect(ses).toHaveLength(1);
      const conditions = ses[0]?.Condition as { StringEquals: Record<string, unknown> };
      expect(render(conditions.StringEquals['aws:SourceAccount'])).toBe('123456789012');
      expect(render(conditions.StringEquals['aws:SourceArn'])).toBe(
        `arn:aws:ses:eu-central-1:123456789012:receipt-rule-set/${ruleSet}:receipt-rule/inbound-mail`,
      );
    });

    it('refuses inboundDomain equal to senderDomain at synth, naming the key and the reason', () => {
      const attempt = () =>
        parseStackConfig({
          senderEmail: 'weekly@example.org',
          senderDomain: 'example.org',
          inboundDomain: 'Example.org',
        });
      expect(attempt).toThrow(/inboundDomain: must be a domain under senderDomain.*not example\.org itself/);
      expect(() =>
        parseStackConfig({
          senderEmail: 'weekly@example.org',
          senderDomain: 'example.org',
          inboundDomain: 'in.example.org',
        }),
      ).not.toThrow();
    });
  });

  describe('signup floods (item 8)', () => {
    it('throttle POST /subscribe on its own, below the stage-wide limit, once the route exists', () => {
      const [stageId, stage] = ofType(resources, 'AWS::ApiGatewayV2::Stage')[0] ?? [];
      expect(stage?.Properties.RouteSettings).toEqual({
        'POST /subscribe': { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
      });
      // API Gateway refuses route settings for a route it does not know yet.
      const route = ofType(resources, 'AWS::ApiGatewayV2::Route').find(
        ([, r]) => r.Properties.RouteKey === 'POST /subscribe',
      )?.[0];
      expect((stage as unknown as { DependsOn?: string[] }).DependsOn, stageId).toContain(route);
    });

    it('takes the subscribe throttle from context', () => {
      const { resources: custom } = synth({
        senderEmail: 'weekly@example.org',
        subscribeThrottle: '{"rate":2,"burst":4}',
      });
      const [, stage] = ofType(custom, 'AWS::ApiGatewayV2::Stage')[0] ?? [];
      expect(stage?.Properties.RouteSettings).toEqual({
        'POST /subscribe': { ThrottlingRateLimit: 2, ThrottlingBurstLimit: 4 },
      });
    }, 300_000);
  });
});
