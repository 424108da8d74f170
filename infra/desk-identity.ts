import { Stack } from 'aws-cdk-lib';
import type { CfnUserPoolGroup } from 'aws-cdk-lib/aws-cognito';
import { CfnIdentityPool, CfnIdentityPoolRoleAttachment } from 'aws-cdk-lib/aws-cognito';
import { FederatedPrincipal, type IManagedPolicy, Role } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { DeskRole, DeskSignIn } from './desk-sign-in.ts';

/** Options of the desk's identity pool. */
export interface DeskIdentityProps {
  readonly signIn: DeskSignIn;
  /** The managed policies of each role: `editor` the editors' policy, `data` that and the subscriber-data policy. */
  readonly policies: Record<DeskRole, readonly IManagedPolicy[]>;
}

/**
 * Turns a desk sign-in into temporary AWS credentials for the browser to sign `/admin/*` with (SigV4, like the CLI):
 * a Cognito identity pool without guest access, whose only provider is the desk's app client, and one IAM role per
 * user-pool group, chosen from the id token (`cognito:preferred_role`); a token without a role gets nothing.
 */
export class DeskIdentity extends Construct {
  /** The identity pool. */
  readonly identityPool: CfnIdentityPool;
  /** The role of each group. */
  readonly roles: Record<DeskRole, Role>;
  /** The desk's `Logins` key: `cognito-idp.<region>.amazonaws.com/<userPoolId>`. */
  readonly loginsKey: string;
  /** Where the browser calls GetId and GetCredentialsForIdentity. */
  readonly endpoint: string;

  constructor(scope: Construct, id: string, props: DeskIdentityProps) {
    super(scope, id);
    const { signIn } = props;
    this.identityPool = new CfnIdentityPool(this, 'IdentityPool', {
      allowUnauthenticatedIdentities: false,
      // Only the enhanced flow (GetCredentialsForIdentity): the role is chosen here, never by the caller.
      allowClassicFlow: false,
      cognitoIdentityProviders: [
        {
          clientId: signIn.client.userPoolClientId,
          providerName: signIn.userPool.userPoolProviderName,
          // A signed-out (revoked) token is refused too.
          serverSideTokenCheck: true,
        },
      ],
    });
    const region = Stack.of(this).region;
    this.loginsKey = `cognito-idp.${region}.amazonaws.com/${signIn.userPool.userPoolId}`;
    this.endpoint = `https://cognito-identity.${region}.amazonaws.com/`;

    const assumedBy = new FederatedPrincipal(
      'cognito-identity.amazonaws.com',
      {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': this.identityPool.ref },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
      },
      'sts:AssumeRoleWithWebIdentity',
    );
    const role = (name: DeskRole, description: string) =>
      new Role(this, name === 'editor' ? 'EditorRole' : 'DataRole', {
        assumedBy,
        description,
        managedPolicies: [...props.policies[name]],
      });
    this.roles = {
      editor: role('editor', "The editors' desk, group editor: the editors' API (no subscriber data)"),
      data: role('data', "The editors' desk, group data: the editors' API and one reader's lookup, export and erasure"),
    };
    for (const name of ['editor', 'data'] as const) {
      (signIn.groups[name].node.defaultChild as CfnUserPoolGroup).roleArn = this.roles[name].roleArn;
    }
    new CfnIdentityPoolRoleAttachment(this, 'Roles', {
      identityPoolId: this.identityPool.ref,
      roleMappings: {
        desk: {
          identityProvider: `${signIn.userPool.userPoolProviderName}:${signIn.client.userPoolClientId}`,
          type: 'Token',
          // No group, hence no role in the token: no credentials (never a default role).
          ambiguousRoleResolution: 'Deny',
        },
      },
    });
  }
}
