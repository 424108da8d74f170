import { Template } from 'aws-cdk-lib/assertions';
import { createApp } from '../../infra/create-app.ts';
import type { EntryName } from '../../infra/lambda.ts';
import type { NewsletterStack } from '../../infra/stack.ts';

/** A complete configuration, as `-c key=value` would give it. */
export const TEST_CONTEXT = {
  senderEmail: 'Belarus Weekly <weekly@example.org>',
  senderDomain: 'example.org',
  allowedOrigins: 'https://example.org,https://www.example.org',
  alarmEmail: 'ops@example.org',
  apiThrottle: '{"rate":20,"burst":40}',
  sesMaxSendRate: '50',
  timezone: 'Europe/Vilnius',
  schedule: 'cron(30 7 ? * MON *)',
} as const;

/** CloudFormation JSON of one resource. */
export interface CfnResource {
  Type: string;
  Properties: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}

/** A synthesized stack and its template. */
export interface Synthesized {
  readonly stack: NewsletterStack;
  readonly template: Template;
  readonly resources: Record<string, CfnResource>;
}

/**
 * Synthesizes the app with the given context (cdk-nag included). Without `bundle`, asset bundling is skipped
 * (`aws:cdk:bundling-stacks: []`): the assertions look at the template, and only the smoke test needs real bundles.
 */
export function synth(
  context: Record<string, unknown> = TEST_CONTEXT,
  options: { bundle?: boolean } = {},
): Synthesized {
  const { stack } = createApp({
    context: { ...context, ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
  const template = Template.fromStack(stack);
  return { stack, template, resources: template.toJSON().Resources as Record<string, CfnResource> };
}

/** The Lambda function resources by entry name (found by their POWERTOOLS_SERVICE_NAME). */
export function functionsByEntry(resources: Record<string, CfnResource>): Map<EntryName, [string, CfnResource]> {
  const found = new Map<EntryName, [string, CfnResource]>();
  for (const [id, r] of Object.entries(resources)) {
    if (r.Type !== 'AWS::Lambda::Function') continue;
    const env = (r.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
    const service = env.POWERTOOLS_SERVICE_NAME;
    if (typeof service === 'string') found.set(service.replace(/^newsletter-/, '') as EntryName, [id, r]);
  }
  return found;
}

const PSEUDO: Record<string, string> = {
  'AWS::Region': 'eu-central-1',
  'AWS::AccountId': '123456789012',
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
};

/**
 * Renders a CloudFormation value to a readable string: `{Ref: X}` → `X` (a queue's → its URL, a secret's → its ARN),
 * `{Fn::GetAtt: [X, 'Arn']}` → `X.Arn` (an API's endpoint → its URL), joins concatenated, pseudo parameters → sample values.
 */
export function render(value: unknown, resources: Record<string, CfnResource> = {}): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const v = value as Record<string, unknown>;
  if (typeof v.Ref === 'string') {
    if (PSEUDO[v.Ref]) return PSEUDO[v.Ref] as string;
    const type = resources[v.Ref]?.Type;
    if (type === 'AWS::SQS::Queue') return `https://sqs.eu-central-1.amazonaws.com/123456789012/${v.Ref}`;
    if (type === 'AWS::SecretsManager::Secret')
      return `arn:aws:secretsmanager:eu-central-1:123456789012:secret:${v.Ref}`;
    return v.Ref;
  }
  if (Array.isArray(v['Fn::GetAtt'])) {
    const [id, attribute] = v['Fn::GetAtt'] as [string, string];
    if (attribute === 'ApiEndpoint') return `https://${id}.execute-api.eu-central-1.amazonaws.com`;
    return `${id}.${attribute}`;
  }
  if (Array.isArray(v['Fn::Join'])) {
    const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map((p) => render(p, resources)).join(sep);
  }
  return JSON.stringify(value);
}

/** One IAM statement, rendered. */
export interface Statement {
  readonly effect: string;
  readonly actions: string[];
  readonly resources: string[];
  readonly conditions?: Record<string, Record<string, unknown>>;
}

/** Every statement of every policy attached to the role of the given function. */
export function statementsOf(resources: Record<string, CfnResource>, fn: CfnResource): Statement[] {
  return roleStatements(resources, (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0]);
}

/** Every statement of every policy attached to the role with this logical id. */
export function roleStatements(resources: Record<string, CfnResource>, roleId: string): Statement[] {
  const asList = (x: unknown) => (Array.isArray(x) ? x : [x]);
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .filter((r) => asList(r.Properties.Roles).some((role) => (role as { Ref?: string }).Ref === roleId))
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement)
    .map((s) => ({
      effect: s.Effect as string,
      actions: asList(s.Action) as string[],
      resources: asList(s.Resource).map((x) => render(x, resources)),
      ...(s.Condition ? { conditions: s.Condition as Record<string, Record<string, unknown>> } : {}),
    }));
}

/** The resources whose type matches, as [logical id, resource] pairs. */
export function ofType(resources: Record<string, CfnResource>, type: string): [string, CfnResource][] {
  return Object.entries(resources).filter(([, r]) => r.Type === type);
}
