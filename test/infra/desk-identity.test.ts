import { beforeAll, describe, expect, it } from 'vitest';
import { type CfnResource, ofType, synth, TEST_CONTEXT } from './synth.ts';

const ref = (value: unknown) => (value as { Ref?: string }).Ref;
const arnOf = (value: unknown) => (value as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt']?.[0];

describe("the editors' desk credentials (Cognito identity pool and the two roles)", () => {
  let resources: Record<string, CfnResource>;
  let outputs: Record<string, { Value: unknown }>;
  const one = (type: string) => {
    const found = ofType(resources, type);
    expect(found, type).toHaveLength(1);
    return found[0] as [string, CfnResource];
  };
  /** The role logical id of each user-pool group, by group name. */
  const roleOfGroup = () =>
    Object.fromEntries(
      ofType(resources, 'AWS::Cognito::UserPoolGroup').map(([, g]) => [
        g.Properties.GroupName,
        arnOf(g.Properties.RoleArn),
      ]),
    ) as Record<string, string | undefined>;
  const policyOfOutput = (name: string) => ref(outputs[name]?.Value);

  beforeAll(() => {
    const { template } = synth(TEST_CONTEXT);
    resources = template.toJSON().Resources as Record<string, CfnResource>;
    outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
  });

  it("has no guest access and no classic flow; its only provider is the desk's app client", () => {
    const [, pool] = one('AWS::Cognito::IdentityPool');
    const [userPoolId] = one('AWS::Cognito::UserPool');
    const [clientId] = one('AWS::Cognito::UserPoolClient');
    expect(pool.Properties.AllowUnauthenticatedIdentities).toBe(false);
    expect(pool.Properties.AllowClassicFlow).toBe(false);
    expect(pool.Properties.CognitoIdentityProviders).toEqual([
      {
        ClientId: { Ref: clientId },
        ProviderName: { 'Fn::GetAtt': [userPoolId, 'ProviderName'] },
        ServerSideTokenCheck: true,
      },
    ]);
    expect(pool.Properties.SupportedLoginProviders).toBeUndefined();
    expect(pool.Properties.OpenIdConnectProviderARNs).toBeUndefined();
  });

  it("chooses the role from the token's group (no default role, Deny when there is none)", () => {
    const [poolId] = one('AWS::Cognito::IdentityPool');
    const [, attachment] = one('AWS::Cognito::IdentityPoolRoleAttachment');
    expect(ref(attachment.Properties.IdentityPoolId)).toBe(poolId);
    expect(attachment.Properties.Roles).toBeUndefined();
    const mappings = Object.values(attachment.Properties.RoleMappings as Record<string, Record<string, unknown>>);
    expect(mappings).toHaveLength(1);
    expect(mappings[0]).toMatchObject({ Type: 'Token', AmbiguousRoleResolution: 'Deny' });
    const groups = roleOfGroup();
    expect(Object.keys(groups).sort()).toEqual(['data', 'editor']);
    expect(groups.editor).toBeDefined();
    expect(groups.data).toBeDefined();
    expect(groups.editor).not.toBe(groups.data);
    // An account in both groups gets the data role (lower precedence wins), which includes the editor's.
    const precedence = Object.fromEntries(
      ofType(resources, 'AWS::Cognito::UserPoolGroup').map(([, g]) => [
        g.Properties.GroupName,
        g.Properties.Precedence,
      ]),
    );
    expect(Number(precedence.data)).toBeLessThan(Number(precedence.editor));
  });

  it('trusts only this identity pool, for authenticated identities', () => {
    const [poolId] = one('AWS::Cognito::IdentityPool');
    for (const roleId of Object.values(roleOfGroup())) {
      const role = resources[roleId as string] as CfnResource;
      expect(role.Properties.AssumeRolePolicyDocument).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: 'cognito-identity.amazonaws.com' },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: { 'cognito-identity.amazonaws.com:aud': { Ref: poolId } },
              'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
            },
          },
        ],
      });
    }
  });

  it("allows exactly the managed policies: editor the editors' policy, data that and the subscriber-data policy", () => {
    const { editor, data } = roleOfGroup();
    const policies = (roleId: string | undefined) =>
      ((resources[roleId as string] as CfnResource).Properties.ManagedPolicyArns as unknown[]).map(ref);
    const editors = policyOfOutput('EditorsPolicyArn');
    const subscriberData = policyOfOutput('SubscriberDataPolicyArn');
    expect(editors).toBeDefined();
    expect(subscriberData).toBeDefined();
    expect(policies(editor)).toEqual([editors]);
    expect(policies(data)).toEqual([editors, subscriberData]);
    // Nothing inline either.
    const inline = ofType(resources, 'AWS::IAM::Policy').filter(([, p]) =>
      (p.Properties.Roles as unknown[]).some((r) => ref(r) === editor || ref(r) === data),
    );
    expect(inline).toEqual([]);
    for (const roleId of [editor, data]) expect(resources[roleId as string]?.Properties.Policies).toBeUndefined();
  });
});
