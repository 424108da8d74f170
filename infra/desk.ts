import { CfnOutput } from 'aws-cdk-lib';
import type { IManagedPolicy } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { DeskIdentity } from './desk-identity.ts';
import { type DeskRole, DeskSignIn } from './desk-sign-in.ts';

/** Options of the editors' desk on AWS. */
export interface EditorsDeskProps {
  /** Where the API answers (the custom domain when there is one), without a trailing slash. */
  readonly apiBase: string;
  /** The Cognito domain prefix. */
  readonly domainPrefix: string;
  /** Accounts the stack creates, with their group. */
  readonly editors: readonly { readonly email: string; readonly role: DeskRole }[];
  /** The editors' and the subscriber-data managed policies (infra/editors.ts). */
  readonly policies: { readonly editors: IManagedPolicy; readonly subscriberData: IManagedPolicy };
}

/**
 * The editors' desk on AWS: sign-in (user pool, managed login), credentials (identity pool, one role per group) and
 * the outputs an admin needs (`newsletter editors add` reads the user pool id).
 */
export class EditorsDesk extends Construct {
  /** `https://<host>/desk/`. */
  readonly url: string;
  readonly signIn: DeskSignIn;
  readonly identity: DeskIdentity;

  constructor(scope: Construct, id: string, props: EditorsDeskProps) {
    super(scope, id);
    this.url = `${props.apiBase}/desk/`;
    this.signIn = new DeskSignIn(this, 'SignIn', {
      deskUrl: this.url,
      domainPrefix: props.domainPrefix,
      editors: props.editors,
    });
    const { editors, subscriberData } = props.policies;
    this.identity = new DeskIdentity(this, 'Identity', {
      signIn: this.signIn,
      policies: { editor: [editors], data: [editors, subscriberData] },
    });
    const output = (name: string, value: string, description: string) =>
      new CfnOutput(scope, name, { value, description });
    output('UserPoolId', this.signIn.userPool.userPoolId, "The desk's editors (newsletter editors add|remove)");
    output('UserPoolClientId', this.signIn.client.userPoolClientId, "The desk's app client (code flow with PKCE)");
    output('IdentityPoolId', this.identity.identityPool.ref, "Turns a desk sign-in into the group's role");
    output('DeskSignInUrl', this.signIn.authority, "The desk's managed login (Cognito domain)");
  }
}
