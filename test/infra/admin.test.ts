import { beforeAll, describe, expect, it } from 'vitest';
import type { EntryName } from '../../infra/lambda.ts';
import { type CfnResource, functionsByEntry, ofType, render, synth, TEST_CONTEXT } from './synth.ts';

const API = /^PublicApi[0-9A-F]{8}$/;
const INVOKE_ARN = (method: string, path: string) =>
  `arn:aws:execute-api:eu-central-1:123456789012:PUBLIC_API/$default/${method}${path}`;
// The editors' routes as the design lists them, path parameters as IAM wildcards: no subscriber data.
const EDITORS_ARNS = [
  INVOKE_ARN('PUT', '/admin/commentaries'),
  INVOKE_ARN('GET', '/admin/editions/*'),
  INVOKE_ARN('GET', '/admin/editions/*/preview/*'),
  INVOKE_ARN('POST', '/admin/editions/*/test'),
  INVOKE_ARN('POST', '/admin/editions/*/send'),
  INVOKE_ARN('PUT', '/admin/editions/*/hold'),
  INVOKE_ARN('DELETE', '/admin/editions/*/hold'),
  INVOKE_ARN('GET', '/admin/stats'),
  INVOKE_ARN('POST', '/admin/stats/backfill'),
  INVOKE_ARN('POST', '/admin/feeds/pull'),
  INVOKE_ARN('POST', '/admin/prepare'),
  INVOKE_ARN('PUT', '/admin/editions/*/order'),
  INVOKE_ARN('PUT', '/admin/editions/*/note/*'),
  INVOKE_ARN('DELETE', '/admin/editions/*/note/*'),
  INVOKE_ARN('DELETE', '/admin/editions/*/commentaries/*/*'),
  INVOKE_ARN('POST', '/admin/editions/*/commentaries/*/*/restore'),
  INVOKE_ARN('GET', '/admin/editions/*/week'),
  INVOKE_ARN('GET', '/admin/editions'),
  INVOKE_ARN('GET', '/admin/feeds'),
  INVOKE_ARN('GET', '/admin/settings'),
];
// The data requests' routes: one reader at a time, by the address in the body; and the list imports.
const SUBSCRIBER_DATA_ARNS = [
  INVOKE_ARN('POST', '/admin/subscribers/lookup'),
  INVOKE_ARN('POST', '/admin/subscribers/export'),
  INVOKE_ARN('POST', '/admin/subscribers/erase'),
  INVOKE_ARN('POST', '/admin/subscribers/imports'),
  INVOKE_ARN('GET', '/admin/subscribers/imports/*'),
];

const envOf = (resources: Record<string, CfnResource>, entry: EntryName): Record<string, unknown> => {
  const [, fn] = functionsByEntry(resources).get(entry) ?? [];
  if (!fn) throw new Error(`no ${entry} function`);
  return (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
};

const routes = (resources: Record<string, CfnResource>) =>
  ofType(resources, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);

describe("the editors' API on AWS", () => {
  let resources: Record<string, CfnResource>;
  let outputs: Record<string, { Value: unknown }>;

  beforeAll(() => {
    const s = synth();
    resources = s.resources;
    outputs = s.template.toJSON().Outputs as typeof outputs;
  });

  it('puts every /admin/ route behind AWS_IAM on the admin function, and leaves every other route public', () => {
    const all = routes(resources);
    const admin = all.filter((r) => String(r.RouteKey).includes(' /admin/'));
    expect(admin).toHaveLength(25);
    const [adminId] = functionsByEntry(resources).get('admin') ?? [];
    for (const r of admin) {
      expect(r.AuthorizationType, String(r.RouteKey)).toBe('AWS_IAM');
      const integration = resources[render(r.Target).replace('integrations/', '')];
      expect(render(integration?.Properties.IntegrationUri), String(r.RouteKey)).toBe(`${adminId}.Arn`);
    }
    for (const r of all.filter((x) => !admin.includes(x)))
      expect(r.AuthorizationType ?? 'NONE', String(r.RouteKey)).toBe('NONE');
  });

  /** The output's policy: its one statement's `execute-api:Invoke` resources, the API's id as PUBLIC_API. */
  const invokeArnsOf = (output: string): string[] => {
    const policies = Object.fromEntries(ofType(resources, 'AWS::IAM::ManagedPolicy'));
    const policy = policies[render(outputs[output]?.Value)];
    if (!policy) throw new Error(`${output} names no managed policy`);
    expect(policy.Properties.Roles ?? policy.Properties.Users ?? policy.Properties.Groups).toBeUndefined();
    const { Statement } = policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] };
    expect(Statement).toHaveLength(1);
    const [statement] = Statement as [Record<string, unknown>];
    expect(statement.Effect).toBe('Allow');
    expect(statement.Action).toBe('execute-api:Invoke');
    return (statement.Resource as unknown[]).map((r) =>
      render(r, resources).replace(/PublicApi[0-9A-F]{8}/, 'PUBLIC_API'),
    );
  };

  it("outputs the editors' managed policy: execute-api:Invoke on the editors' routes, no subscriber data", () => {
    const arns = invokeArnsOf('EditorsPolicyArn');
    expect(arns.sort()).toEqual([...EDITORS_ARNS].sort());
    expect(arns.filter((a) => a.includes('/admin/subscribers'))).toEqual([]);
  });

  it("outputs the data requests' managed policy: exactly lookup, export, erase and the imports", () => {
    expect(ofType(resources, 'AWS::IAM::ManagedPolicy')).toHaveLength(2);
    expect(invokeArnsOf('SubscriberDataPolicyArn').sort()).toEqual([...SUBSCRIBER_DATA_ARNS].sort());
  });

  it('gives every admin route to exactly one of the two policies', () => {
    const both = [...invokeArnsOf('EditorsPolicyArn'), ...invokeArnsOf('SubscriberDataPolicyArn')];
    const admin = routes(resources).filter((r) => String(r.RouteKey).includes(' /admin/'));
    expect(both.sort()).toEqual(
      admin
        .map((r) => {
          const [method, path] = String(r.RouteKey).split(' ') as [string, string];
          return INVOKE_ARN(method, path.replace(/\{[^}]+\}/g, '*'));
        })
        .sort(),
    );
  });

  it('lets the admin function start the dispatcher by name', () => {
    expect(render(envOf(resources, 'admin').DISPATCH_FUNCTION_NAME)).toMatch(/^DispatchFunction[0-9A-F]{8}$/);
  });

  it('has a dashboard with send progress, readers, errors, SES reputation and queue depth', () => {
    const [[, dashboard]] = ofType(resources, 'AWS::CloudWatch::Dashboard') as [[string, CfnResource]];
    const body = render(dashboard.Properties.DashboardBody, resources);
    for (const title of ['Send progress', 'Readers per language', 'Function errors', 'SES reputation', 'Queue depth'])
      expect(body).toContain(title);
    expect(body).toContain(`SEARCH('{Newsletter,edition,language,service} MetricName=\\"sent\\"'`);
    expect(body).toContain('Reputation.BounceRate');
    expect(body).toContain('ApproximateNumberOfMessagesVisible');
  });

  it('has no custom domain without the context keys, and its links use the execute-api URL', () => {
    expect(ofType(resources, 'AWS::ApiGatewayV2::DomainName')).toEqual([]);
    expect(outputs.CustomDomainTarget).toBeUndefined();
    expect(render(envOf(resources, 'deliver').PUBLIC_URL)).toMatch(
      /^https:\/\/PublicApi[0-9A-F]{8}\.execute-api\.eu-central-1\.amazonaws\.com$/,
    );
  });
});

describe('the custom domain', () => {
  const CERT = 'arn:aws:acm:eu-central-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666';
  let resources: Record<string, CfnResource>;
  let outputs: Record<string, { Value: unknown }>;

  beforeAll(() => {
    const s = synth({ ...TEST_CONTEXT, domainName: 'weekly.example.org', certificateArn: CERT });
    resources = s.resources;
    outputs = s.template.toJSON().Outputs as typeof outputs;
  });

  it('creates the domain with the certificate and maps it to the $default stage', () => {
    const [[domainId, domain]] = ofType(resources, 'AWS::ApiGatewayV2::DomainName') as [[string, CfnResource]];
    expect(domain.Properties).toMatchObject({
      DomainName: 'weekly.example.org',
      DomainNameConfigurations: [expect.objectContaining({ CertificateArn: CERT, EndpointType: 'REGIONAL' })],
    });
    const [[, mapping]] = ofType(resources, 'AWS::ApiGatewayV2::ApiMapping') as [[string, CfnResource]];
    expect(render(mapping.Properties.DomainName)).toBe(domainId);
    expect(render(mapping.Properties.ApiId)).toMatch(API);
    expect(render(mapping.Properties.Stage)).toBe('$default');
    expect(render(outputs.CustomDomainTarget?.Value)).toBe(`${domainId}.RegionalDomainName`);
  });

  it('makes every link and the widget URL use https://<domainName>', () => {
    for (const [entry, [, fn]] of functionsByEntry(resources)) {
      const vars = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(render(vars.PUBLIC_URL), entry).toBe('https://weekly.example.org');
    }
    expect(render(outputs.WidgetUrl?.Value)).toBe('https://weekly.example.org/widget.js');
  });

  it('refuses a domain without its certificate', () => {
    expect(() => synth({ ...TEST_CONTEXT, domainName: 'weekly.example.org' })).toThrow(/certificateArn/);
  });
});
