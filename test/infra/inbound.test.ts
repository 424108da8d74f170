import { beforeAll, describe, expect, it } from 'vitest';
import { parseStackConfig } from '../../infra/config.ts';
import { type CfnResource, functionsByEntry, ofType, render, synth, TEST_CONTEXT } from './synth.ts';

const only = (resources: Record<string, CfnResource>, type: string): [string, CfnResource] => {
  const found = ofType(resources, type);
  expect(found, type).toHaveLength(1);
  return found[0] as [string, CfnResource];
};

describe('SES receiving (inboundDomain set)', () => {
  let resources: Record<string, CfnResource>;
  let functions: ReturnType<typeof functionsByEntry>;
  const vars = (entry: 'inbound' | 'deliver') =>
    (functions.get(entry)?.[1].Properties.Environment as { Variables: Record<string, unknown> } | undefined)
      ?.Variables ?? {};

  beforeAll(() => {
    ({ resources } = synth());
    functions = functionsByEntry(resources);
  });

  it('has one rule for the inbound domain: TLS required, scanned, stored in S3 and then handed to the function', () => {
    only(resources, 'AWS::SES::ReceiptRuleSet');
    const [, rule] = only(resources, 'AWS::SES::ReceiptRule');
    const props = rule.Properties.Rule as Record<string, unknown>;
    expect(props).toMatchObject({
      Enabled: true,
      Recipients: ['inbound.example.org'],
      ScanEnabled: true,
      TlsPolicy: 'Require',
    });
    const actions = props.Actions as Record<string, Record<string, unknown>>[];
    expect(actions.map((a) => Object.keys(a)[0])).toEqual(['S3Action', 'LambdaAction']);
    const [bucketId] = only(resources, 'AWS::S3::Bucket');
    expect(actions[0]?.S3Action).toEqual({ BucketName: { Ref: bucketId }, ObjectKeyPrefix: 'mail/' });
    const [inboundId] = functions.get('inbound') ?? [];
    expect(actions[1]?.LambdaAction).toEqual({
      FunctionArn: { 'Fn::GetAtt': [inboundId, 'Arn'] },
      InvocationType: 'Event',
    });
  });

  it('stores mail encrypted, private, TLS-only, and forgets it after three days', () => {
    const [bucketId, bucket] = only(resources, 'AWS::S3::Bucket');
    expect(bucket.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const rules = (bucket.Properties.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
    expect(rules).toEqual([expect.objectContaining({ Status: 'Enabled', ExpirationInDays: 3 })]);
    const [, policy] = only(resources, 'AWS::S3::BucketPolicy');
    const statements = (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    // Only SES of this account may write, and only under the prefix.
    const writes = statements.filter((s) => s.Effect === 'Allow');
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({
      Action: 's3:PutObject',
      Principal: { Service: 'ses.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
    expect(render(writes[0]?.Resource, resources)).toBe(`${bucketId}.Arn/mail/*`);
  });

  it('lets only SES of this account invoke the function, which retries twice and then dead-letters', () => {
    const [inboundId] = functions.get('inbound') ?? [];
    const permissions = ofType(resources, 'AWS::Lambda::Permission').filter(([, p]) =>
      JSON.stringify(p.Properties.FunctionName).includes(String(inboundId)),
    );
    expect(permissions.map(([, p]) => p.Properties)).toEqual([
      expect.objectContaining({
        Action: 'lambda:InvokeFunction',
        Principal: 'ses.amazonaws.com',
        SourceAccount: { Ref: 'AWS::AccountId' },
      }),
    ]);
    const [, invokeConfig] =
      ofType(resources, 'AWS::Lambda::EventInvokeConfig').find(
        ([, c]) => render(c.Properties.FunctionName) === inboundId,
      ) ?? [];
    expect(invokeConfig?.Properties).toMatchObject({ MaximumRetryAttempts: 2 });
    const config = invokeConfig?.Properties.DestinationConfig as { OnFailure: { Destination: unknown } } | undefined;
    const destination = config?.OnFailure.Destination;
    expect(render(destination, resources)).toMatch(/^SendingInvocationDlq[0-9A-F]{8}\.Arn$/);
  });

  it('gives the function its bucket, prefix and domain, and the deliverer the domain for the mailto', () => {
    const [bucketId] = only(resources, 'AWS::S3::Bucket');
    expect(vars('inbound')).toMatchObject({
      INBOUND_BUCKET: { Ref: bucketId },
      INBOUND_PREFIX: 'mail/',
      INBOUND_DOMAIN: 'inbound.example.org',
    });
    expect(vars('deliver').INBOUND_DOMAIN).toBe('inbound.example.org');
    expect(vars('inbound').FEEDBACK_LOOP_DOMAINS).toBeUndefined();
  });

  it('passes the feedbackLoopDomains context key to the function as FEEDBACK_LOOP_DOMAINS', () => {
    const { resources: withList } = synth({ ...TEST_CONTEXT, feedbackLoopDomains: 'corp.mail.ru, yahoo.com' });
    const inbound = functionsByEntry(withList).get('inbound')?.[1].Properties.Environment as {
      Variables: Record<string, unknown>;
    };
    expect(inbound.Variables.FEEDBACK_LOOP_DOMAINS).toBe('corp.mail.ru,yahoo.com');
    expect(() => parseStackConfig({ ...TEST_CONTEXT, feedbackLoopDomains: 'mail.ru/fbl' })).toThrow(
      /feedbackLoopDomains/,
    );
  });

  it('counts dropped messages by reason from the function log', () => {
    // The inbound function's log group has this one filter (the alarms add filters on the deliverer's).
    const [, filter] = only(
      Object.fromEntries(
        ofType(resources, 'AWS::Logs::MetricFilter').filter(([, f]) =>
          JSON.stringify(f.Properties.LogGroupName).includes('InboundLogs'),
        ),
      ),
      'AWS::Logs::MetricFilter',
    );
    expect(filter.Properties.FilterPattern).toBe('{ $.message = "inbound: dropped" }');
    expect(filter.Properties.MetricTransformations).toEqual([
      expect.objectContaining({
        MetricName: 'InboundDropped',
        MetricNamespace: 'Newsletter',
        Dimensions: [{ Key: 'reason', Value: '$.reason' }],
      }),
    ]);
  });
});

describe('without inboundDomain', () => {
  it('has no receiving path and no mailto in the e-mails', () => {
    const { inboundDomain: _left, ...context } = TEST_CONTEXT;
    const { resources } = synth(context);
    const functions = functionsByEntry(resources);
    expect(functions.has('inbound')).toBe(false);
    for (const type of ['AWS::SES::ReceiptRuleSet', 'AWS::SES::ReceiptRule', 'AWS::S3::Bucket']) {
      expect(ofType(resources, type), type).toEqual([]);
    }
    const deliver = functions.get('deliver')?.[1].Properties.Environment as { Variables: Record<string, unknown> };
    expect(deliver.Variables.INBOUND_DOMAIN).toBeUndefined();
  });

  it('refuses an inbound domain that is not under the sender domain (the sender domain itself included)', () => {
    expect(() => parseStackConfig({ ...TEST_CONTEXT, inboundDomain: 'inbound.example.net' })).toThrow(/inboundDomain/);
    expect(() => parseStackConfig({ senderEmail: 'weekly@example.org', inboundDomain: 'example.org' })).toThrow(
      /inboundDomain/,
    );
    expect(() => parseStackConfig({ ...TEST_CONTEXT, inboundDomain: 'example.org' })).toThrow(
      /not example\.org itself/,
    );
  });
});
