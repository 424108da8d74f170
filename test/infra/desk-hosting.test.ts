import { beforeAll, describe, expect, it } from 'vitest';
import { type CfnResource, functionsByEntry, ofType, render, synth, TEST_CONTEXT } from './synth.ts';

const DOMAIN = {
  domainName: 'weekly.example.org',
  certificateArn: 'arn:aws:acm:eu-central-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666',
};
const DESK_ROUTES = ['GET /desk', 'GET /desk/{proxy+}', 'HEAD /desk', 'HEAD /desk/{proxy+}'];

describe("the editors' desk hosting (a function behind the same HTTP API)", () => {
  let resources: Record<string, CfnResource>;
  let outputs: Record<string, { Value: unknown }>;
  const only = (type: string) => {
    const found = ofType(resources, type);
    expect(found, type).toHaveLength(1);
    return found[0] as [string, CfnResource];
  };
  const desk = () => {
    const found = functionsByEntry(resources).get('desk');
    if (!found) throw new Error('no desk function');
    return found;
  };

  beforeAll(() => {
    const { template } = synth({ ...TEST_CONTEXT, ...DOMAIN });
    resources = template.toJSON().Resources as Record<string, CfnResource>;
    outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
  });

  it('serves /desk and everything under it, publicly (no IAM), from the desk function alone', () => {
    const [fnId] = desk();
    const routes = ofType(resources, 'AWS::ApiGatewayV2::Route')
      .map(([, r]) => r.Properties)
      .filter((r) => String(r.RouteKey).includes('/desk'));
    expect(routes.map((r) => r.RouteKey).sort()).toEqual([...DESK_ROUTES].sort());
    const [apiId] = only('AWS::ApiGatewayV2::Api');
    for (const route of routes) {
      expect(route.AuthorizationType, String(route.RouteKey)).toBe('NONE');
      expect(route.ApiId).toEqual({ Ref: apiId });
      const integrationId = render(route.Target).replace(/^integrations\//, '');
      const integration = resources[integrationId] as CfnResource;
      expect(render(integration.Properties.IntegrationUri)).toBe(`${fnId}.Arn`);
    }
  });

  it("answers the contract's sign-in settings: the managed login domain, the client, the identity pool", () => {
    const [, fn] = desk();
    const [poolId] = only('AWS::Cognito::UserPool');
    const [clientId] = only('AWS::Cognito::UserPoolClient');
    const [identityPoolId] = only('AWS::Cognito::IdentityPool');
    const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const desks = Object.fromEntries(
      Object.entries(env)
        .filter(([k]) => k.startsWith('DESK_'))
        .map(([k, v]) => [k, render(v, resources)]),
    );
    expect(desks).toEqual({
      DESK_AUTHORITY: 'https://belarusweekly.auth.eu-central-1.amazoncognito.com',
      DESK_CLIENT_ID: clientId,
      DESK_IDENTITY_POOL_ID: identityPoolId,
      DESK_IDENTITY_ENDPOINT: 'https://cognito-identity.eu-central-1.amazonaws.com/',
      DESK_LOGINS_KEY: `cognito-idp.eu-central-1.amazonaws.com/${poolId}`,
    });
    // Least privilege: no table, secret or mail settings (its role may write its logs only: test/infra/iam.test.ts).
    expect(
      Object.keys(env)
        .filter((k) => !k.startsWith('DESK_'))
        .sort(),
    ).toEqual(['NODE_OPTIONS', 'POWERTOOLS_LOG_LEVEL', 'POWERTOOLS_SERVICE_NAME', 'PUBLIC_URL']);
  });

  it('is at https://<domainName>/desk/ with a custom domain: the output, the callback and the logout URL', () => {
    expect(render(outputs.DeskUrl?.Value)).toBe('https://weekly.example.org/desk/');
    const [, client] = only('AWS::Cognito::UserPoolClient');
    expect(client.Properties.CallbackURLs).toEqual(['https://weekly.example.org/desk/']);
    expect(client.Properties.LogoutURLs).toEqual(['https://weekly.example.org/desk/']);
  });
});
