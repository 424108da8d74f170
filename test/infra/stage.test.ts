import { beforeAll, describe, expect, it } from 'vitest';
import { parseStackConfig } from '../../infra/config.ts';
import {
  DELIVER_BUDGET_SECONDS,
  deliverBatchSize,
  deliverSendRate,
  RECIPIENTS_PER_MESSAGE,
  recipientsPerMessage,
} from '../../infra/throughput.ts';
import {
  type CfnResource,
  functionsByEntry,
  ofType,
  render,
  type Synthesized,
  statementsOf,
  synth,
  TEST_CONTEXT,
} from './synth.ts';

// Issue 20 item 10: a second copy in the same account and region, the SES sandbox, and the deliverer's batch size.

/** Properties that name something account- and region-wide, by resource type (a clash fails the second deploy). */
const ACCOUNT_WIDE_NAMES: Record<string, string[]> = {
  'AWS::SES::EmailIdentity': ['EmailIdentity'],
  'AWS::SES::ConfigurationSet': ['Name'],
  'AWS::SES::ReceiptRuleSet': ['RuleSetName'],
  'AWS::Logs::LogGroup': ['LogGroupName'],
  'AWS::SQS::Queue': ['QueueName'],
  'AWS::SNS::Topic': ['TopicName'],
  'AWS::DynamoDB::Table': ['TableName'],
  'AWS::Lambda::Function': ['FunctionName'],
  'AWS::IAM::Role': ['RoleName'],
  'AWS::IAM::ManagedPolicy': ['ManagedPolicyName'],
  'AWS::SecretsManager::Secret': ['Name'],
  'AWS::Scheduler::Schedule': ['Name'],
  'AWS::CloudWatch::Alarm': ['AlarmName'],
  'AWS::CloudWatch::Dashboard': ['DashboardName'],
  'AWS::Events::Rule': ['Name'],
  'AWS::ApiGatewayV2::DomainName': ['DomainName'],
  'AWS::S3::Bucket': ['BucketName'],
  // The desk's managed login domain prefix is unique across all accounts of the Region.
  'AWS::Cognito::UserPoolDomain': ['Domain'],
};

function namesOf({ template }: Synthesized): string[] {
  const json = template.toJSON();
  const names: string[] = [];
  for (const r of Object.values(json.Resources as Record<string, CfnResource>)) {
    for (const key of Object.keys(r.Properties ?? {}).filter((k) => ACCOUNT_WIDE_NAMES[r.Type]?.includes(k)))
      names.push(`${r.Type} ${render(r.Properties[key])}`);
  }
  for (const output of Object.values((json.Outputs ?? {}) as Record<string, { Export?: { Name: unknown } }>))
    if (output.Export) names.push(`export ${render(output.Export.Name)}`);
  return names;
}

// Two synths for the whole file (each takes seconds, more on a busy machine): the first copy as TEST_CONTEXT (50/s),
// and a staging copy that reuses its identity, in the SES sandbox (1/s) with two verified recipients.
let first: Synthesized;
let second: Synthesized;
beforeAll(() => {
  first = synth();
  second = synth({
    ...TEST_CONTEXT,
    stage: 'staging',
    senderIdentity: 'existing',
    sandboxRecipients: 'editor@example.net, tester@example.com',
    sesMaxSendRate: '1',
  });
}, 300_000);

describe('a second copy (stage)', () => {
  it('derives the stack name from the stage; none keeps the first copy’s name', () => {
    expect(first.stack.stackName).toBe('BelarusWeekly');
    expect(second.stack.stackName).toBe('BelarusWeekly-staging');
    expect(() => parseStackConfig({ senderEmail: 'w@example.org', stage: 'Staging Copy' })).toThrow(/stage: /);
  });

  it('shares no account-wide name with the first copy when it reuses its verified identity', () => {
    const a = namesOf(first);
    const b = namesOf(second);
    expect(a.filter((n) => b.includes(n))).toEqual([]);
    // The first copy creates the identity; the second only sends through it.
    expect(a).toContain('AWS::SES::EmailIdentity example.org');
    expect(b.filter((n) => n.endsWith(' example.org'))).toEqual([]);
  });

  it('lets a copy that reuses the identity send through it by name (no DNS outputs of its own)', () => {
    const { resources, template } = second;
    const [, deliver] = functionsByEntry(resources).get('deliver') ?? [];
    const send = statementsOf(resources, deliver as CfnResource).find((s) => s.actions.includes('ses:SendEmail'));
    expect(send?.resources).toContain('arn:aws:ses:eu-central-1:123456789012:identity/example.org');
    expect(Object.keys(template.toJSON().Outputs)).not.toContain('DkimCname1');
  });
});

describe('the SES sandbox (sandboxRecipients)', () => {
  it('verifies each listed recipient and lets every sending function address them', () => {
    const { resources } = second;
    const identities = ofType(resources, 'AWS::SES::EmailIdentity').map(([, r]) => r.Properties.EmailIdentity);
    expect(identities.sort()).toEqual(['editor@example.net', 'tester@example.com']);
    let senders = 0;
    for (const [entry, [, fn]] of functionsByEntry(resources)) {
      const send = statementsOf(resources, fn).find((s) => s.actions.includes('ses:SendEmail'));
      if (!send) continue;
      senders++;
      for (const address of ['editor@example.net', 'tester@example.com'])
        expect(send.resources, entry).toContain(`arn:aws:ses:eu-central-1:123456789012:identity/${address}`);
      expect(send.resources.length, entry).toBe(4);
    }
    expect(senders).toBeGreaterThan(0);
    // Without the key, no recipient identity.
    expect(ofType(first.resources, 'AWS::SES::EmailIdentity')).toHaveLength(1);
  });

  it('refuses a recipient that is not an address', () => {
    expect(() => parseStackConfig({ senderEmail: 'w@example.org', sandboxRecipients: 'nobody' })).toThrow(
      /sandboxRecipients\.0: must be an e-mail address/,
    );
  });
});

describe("the deliverer's batch size", () => {
  it('fits a batch into the time budget of one invocation at its paced rate (none put back at 14/s)', () => {
    // At 14/s: 3 invocations at 4.67/s each, 45 s of budget: 210 e-mails; 5 messages of 50 were 250 (16 % back).
    expect(deliverBatchSize(14)).toBe(4);
    expect(recipientsPerMessage(14)).toBe(RECIPIENTS_PER_MESSAGE);
    for (let rate = 1; rate <= 2000; rate += rate < 50 ? 1 : 37) {
      const size = deliverBatchSize(rate);
      const perMessage = recipientsPerMessage(rate);
      const seconds = (size * perMessage) / deliverSendRate(rate);
      expect(size, `rate ${rate}`).toBeGreaterThanOrEqual(1);
      expect(size, `rate ${rate}`).toBeLessThanOrEqual(10);
      expect(seconds, `rate ${rate}`).toBeLessThanOrEqual(DELIVER_BUDGET_SECONDS);
      if (size < 10) {
        const more = ((size + 1) * perMessage) / deliverSendRate(rate);
        expect(more, `rate ${rate}: one more message would still fit`).toBeGreaterThan(DELIVER_BUDGET_SECONDS);
      }
    }
  });

  it('makes messages smaller where even one of 50 would not fit (the SES sandbox sends 1 a second)', () => {
    // 2 invocations at 0.5/s each: 22 e-mails in 45 s.
    expect(recipientsPerMessage(1)).toBe(22);
    expect(deliverBatchSize(1)).toBe(1);
  });

  it('is what the event source takes and what dispatch puts in a message', () => {
    for (const [copy, rate, messages, recipients] of [
      [first, 50, 5, 50],
      [second, 1, 1, 22],
    ] as const) {
      const { resources } = copy;
      expect(deliverBatchSize(rate)).toBe(messages);
      const [, mapping] =
        ofType(resources, 'AWS::Lambda::EventSourceMapping').find(([, m]) =>
          JSON.stringify(m.Properties.EventSourceArn).includes('SendingSendQueue'),
        ) ?? [];
      expect(mapping?.Properties.BatchSize, `rate ${rate}`).toBe(messages);
      const [, dispatch] = functionsByEntry(resources).get('dispatch') ?? [];
      const env = dispatch?.Properties.Environment as { Variables: Record<string, string> } | undefined;
      expect(env?.Variables.BATCH_SIZE, `rate ${rate}`).toBe(String(recipients));
    }
  });
});
