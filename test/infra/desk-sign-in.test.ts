import { beforeAll, describe, expect, it } from 'vitest';
import { type CfnResource, ofType, render, synth, TEST_CONTEXT } from './synth.ts';

const EDITORS = [
  { email: 'anna@outlet.org', role: 'editor' },
  { email: 'data@outlet.org', role: 'data' },
];

/** The one resource of a type (the test fails when there are none or several). */
function only(resources: Record<string, CfnResource>, type: string): [string, CfnResource] {
  const found = ofType(resources, type);
  expect(
    found.map(([id]) => id),
    type,
  ).toHaveLength(1);
  return found[0] as [string, CfnResource];
}

describe("the editors' desk sign-in (Cognito user pool)", () => {
  let resources: Record<string, CfnResource>;
  let outputs: Record<string, { Value: unknown }>;

  beforeAll(() => {
    const { template } = synth({ ...TEST_CONTEXT, editors: JSON.stringify(EDITORS) });
    resources = template.toJSON().Resources as Record<string, CfnResource>;
    outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
  });

  it('lets only an admin create accounts, requires MFA with TOTP only (no SMS, no e-mail codes)', () => {
    const [, pool] = only(resources, 'AWS::Cognito::UserPool');
    expect(pool.Properties.AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: true });
    expect(pool.Properties.MfaConfiguration).toBe('ON');
    expect(pool.Properties.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(pool.Properties.SmsConfiguration).toBeUndefined();
    // Passkeys as the first factor count as both only with user verification (PIN or biometrics).
    expect(pool.Properties.Policies).toMatchObject({
      SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] },
      PasswordPolicy: {
        MinimumLength: 14,
        RequireLowercase: true,
        RequireUppercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
      },
    });
    expect(pool.Properties.WebAuthnUserVerification).toBe('required');
    expect(pool.Properties.WebAuthnFactorConfiguration).toBe('MULTI_FACTOR_WITH_USER_VERIFICATION');
    expect(pool.Properties.UserPoolTier).toBe('PLUS');
    expect(pool.Properties.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
  });

  it('signs the desk in through managed login (version 2): code flow with PKCE, no secret, short sessions', () => {
    const [clientId, client] = only(resources, 'AWS::Cognito::UserPoolClient');
    const desk = 'https://PublicApi.execute-api.eu-central-1.amazonaws.com/desk/';
    expect(client.Properties).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      GenerateSecret: false,
      IdTokenValidity: 60,
      AccessTokenValidity: 60,
      RefreshTokenValidity: 720,
      TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'minutes' },
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
    const urls = (key: string) =>
      (client.Properties[key] as unknown[]).map((u) => render(u).replace(/\w+\.exe/, 'PublicApi.exe'));
    expect(urls('CallbackURLs')).toEqual([desk]);
    expect(urls('LogoutURLs')).toEqual([desk]);
    const [, domain] = only(resources, 'AWS::Cognito::UserPoolDomain');
    expect(domain.Properties).toMatchObject({ Domain: 'belarusweekly', ManagedLoginVersion: 2 });
    const [, branding] = only(resources, 'AWS::Cognito::ManagedLoginBranding');
    expect(branding.Properties).toMatchObject({ ClientId: { Ref: clientId }, UseCognitoProvidedValues: true });
  });

  it('has the groups editor and data, and creates the accounts of the editors key, each in its group', () => {
    const groups = ofType(resources, 'AWS::Cognito::UserPoolGroup').map(([id, g]) => [id, g.Properties.GroupName]);
    expect(groups.map(([, name]) => name).sort()).toEqual(['data', 'editor']);
    const users = ofType(resources, 'AWS::Cognito::UserPoolUser');
    expect(users.map(([, u]) => u.Properties.Username).sort()).toEqual(['anna@outlet.org', 'data@outlet.org']);
    for (const [, user] of users) {
      expect(user.Properties.UserAttributes).toEqual([
        { Name: 'email', Value: user.Properties.Username },
        { Name: 'email_verified', Value: 'true' },
      ]);
      expect(user.Properties.DesiredDeliveryMediums).toEqual(['EMAIL']);
    }
    const membership = ofType(resources, 'AWS::Cognito::UserPoolUserToGroupAttachment').map(([, a]) => {
      const user = resources[(a.Properties.Username as { Ref: string }).Ref];
      const group = groups.find(([id]) => id === (a.Properties.GroupName as { Ref: string }).Ref);
      return { email: user?.Properties.Username, role: group?.[1] };
    });
    expect(membership.sort((a, b) => String(a.email).localeCompare(String(b.email)))).toEqual(EDITORS);
  });

  it('outputs the user pool, its client, the identity pool and the sign-in domain', () => {
    const [poolId] = only(resources, 'AWS::Cognito::UserPool');
    const [clientId] = only(resources, 'AWS::Cognito::UserPoolClient');
    const [identityPoolId] = only(resources, 'AWS::Cognito::IdentityPool');
    expect(outputs.UserPoolId?.Value).toEqual({ Ref: poolId });
    expect(outputs.UserPoolClientId?.Value).toEqual({ Ref: clientId });
    expect(outputs.IdentityPoolId?.Value).toEqual({ Ref: identityPoolId });
    expect(render(outputs.DeskSignInUrl?.Value)).toBe('https://belarusweekly.auth.eu-central-1.amazoncognito.com');
  });
});

describe("the desk's sign-in domain", () => {
  it("is the stack's name per stage, or the deskDomainPrefix key; no editors key, no accounts", () => {
    const domainOf = (context: Record<string, unknown>) => {
      const { resources } = synth({ senderEmail: 'weekly@example.org', ...context });
      expect(ofType(resources, 'AWS::Cognito::UserPoolUser')).toEqual([]);
      return only(resources, 'AWS::Cognito::UserPoolDomain')[1].Properties.Domain;
    };
    expect(domainOf({ stage: 'staging' })).toBe('belarusweekly-staging');
    expect(domainOf({ deskDomainPrefix: 'outlet-desk' })).toBe('outlet-desk');
  });
});
