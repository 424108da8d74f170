import { createHash } from 'node:crypto';
import { type CfnResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  type CfnUserPool,
  CfnUserPoolUser,
  CfnUserPoolUserToGroupAttachment,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  PasskeyUserVerification,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** A desk account's group: `editor` (the editors' policy) or `data` (plus the subscriber-data policy). */
export type DeskRole = 'editor' | 'data';

/** Options of the desk's sign-in. */
export interface DeskSignInProps {
  /** The desk's address, `https://<host>/desk/`: the app client's only callback and logout URL. */
  readonly deskUrl: string;
  /** `<prefix>.auth.<region>.amazoncognito.com`, globally unique. */
  readonly domainPrefix: string;
  /** Accounts the stack creates (each gets a temporary password by e-mail), with their group. */
  readonly editors: readonly { readonly email: string; readonly role: DeskRole }[];
}

/**
 * The editors' sign-in: a Cognito user pool where only an admin creates accounts, every sign-in needs a second factor
 * (TOTP, or a passkey with user verification; never SMS), sessions are short, and the desk signs in through managed
 * login with the authorization-code flow and PKCE (a public client: no secret).
 */
export class DeskSignIn extends Construct {
  /** The user pool. */
  readonly userPool: UserPool;
  /** The desk's app client (public, code flow with PKCE). */
  readonly client: UserPoolClient;
  /** The managed login domain. */
  readonly domain: UserPoolDomain;
  /** The two groups, by role. */
  readonly groups: Record<DeskRole, UserPoolGroup>;
  /** The OIDC authority the desk signs in with, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly authority: string;

  constructor(scope: Construct, id: string, props: DeskSignInProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      // Editors are created by an admin (`newsletter editors add` or the `editors` context key), never by themselves.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      signInCaseSensitive: false,
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false, email: false },
      // A passkey counts as both factors only when the authenticator verified the user (PIN or biometrics).
      signInPolicy: { allowedFirstAuthFactors: { password: true, passkey: true } },
      passkeyUserVerification: PasskeyUserVerification.REQUIRED,
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus: threat protection blocks sign-ins with leaked credentials and logs risky ones (a few editors: cents).
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      userInvitation: {
        emailSubject: "Your account for the newsletter's editors' desk",
        emailBody: `Your account for the editors' desk at ${props.deskUrl} is {username}, its temporary password {####}. At the first sign-in you choose a password and set up an authenticator app.`,
      },
      deletionProtection: true,
      // The editors' accounts and their authenticators outlive a deleted stack, like the table.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Passkeys with user verification satisfy the required MFA (the L2 has no property for it yet).
    (this.userPool.node.defaultChild as CfnUserPool).webAuthnFactorConfiguration =
      'MULTI_FACTOR_WITH_USER_VERIFICATION';

    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.client = this.userPool.addClient('DeskClient', {
      userPoolClientName: 'desk',
      generateSecret: false,
      // Managed login's choice-based sign-in (password or passkey); nothing signs in through the API directly.
      authFlows: { user: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [props.deskUrl],
        logoutUrls: [props.deskUrl],
      },
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      authSessionValidity: Duration.minutes(5),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
    });
    // Managed login (version 2) shows a client's pages only once it has a style: Cognito's own.
    new CfnManagedLoginBranding(this, 'Branding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    }).addDependency(this.domain.node.defaultChild as CfnResource);
    this.authority = `https://${props.domainPrefix}.auth.${Stack.of(this).region}.amazoncognito.com`;

    this.groups = {
      editor: new UserPoolGroup(this, 'EditorGroup', {
        userPool: this.userPool,
        groupName: 'editor',
        description: "Editors: the week, the sends, the reports and the stats (the editors' policy)",
        precedence: 2,
      }),
      data: new UserPoolGroup(this, 'DataGroup', {
        userPool: this.userPool,
        groupName: 'data',
        description: "Editors who also answer readers' data requests (plus the subscriber-data policy)",
        // Lower wins: an account in both groups gets the data role, which includes the editor's.
        precedence: 1,
      }),
    };
    for (const editor of props.editors) this.addEditor(editor.email, editor.role);
  }

  /** An account (its id from the address, so reordering the list replaces nothing) in its group. */
  private addEditor(email: string, role: DeskRole): void {
    const id = createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 12);
    const user = new CfnUserPoolUser(this, `Editor${id}`, {
      userPoolId: this.userPool.userPoolId,
      username: email,
      userAttributes: [
        { name: 'email', value: email },
        { name: 'email_verified', value: 'true' },
      ],
      desiredDeliveryMediums: ['EMAIL'],
    });
    new CfnUserPoolUserToGroupAttachment(this, `Editor${id}Group`, {
      userPoolId: this.userPool.userPoolId,
      username: user.ref,
      groupName: this.groups[role].groupName,
    });
  }
}
