import { CfnOutput } from 'aws-cdk-lib';
import type { IManagedPolicy } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { Bindable } from './bindings.ts';
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
  /** The function behind `GET /desk` and `GET /desk/{proxy+}` (functions/handlers/desk.ts): gets the sign-in settings. */
  readonly fn: Bindable;
}

/**
 * The editors' desk on AWS: sign-in (user pool, managed login), credentials (identity pool, one role per group) and
 * the desk's settings for its function (functions/handlers/desk.ts), and the outputs an admin needs
 * (`newsletter editors add` reads the user pool id).
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
    // What `GET /desk/config.json` answers (AWS_REGION is Lambda's own); no table, key or secret.
    const settings = {
      DESK_AUTHORITY: this.signIn.authority,
      DESK_CLIENT_ID: this.signIn.client.userPoolClientId,
      DESK_IDENTITY_POOL_ID: this.identity.identityPool.ref,
      DESK_IDENTITY_ENDPOINT: this.identity.endpoint,
      DESK_LOGINS_KEY: this.identity.loginsKey,
    };
    for (const [key, value] of Object.entries(settings)) props.fn.addEnvironment(key, value);
    const output = (name: string, value: string, description: string) =>
      new CfnOutput(scope, name, { value, description });
    output('DeskUrl', this.url, "The editors' desk: sign in with an account of the user pool (MFA required)");
    output('UserPoolId', this.signIn.userPool.userPoolId, "The desk's editors (newsletter editors add|remove)");
    output('UserPoolClientId', this.signIn.client.userPoolClientId, "The desk's app client (code flow with PKCE)");
    output('IdentityPoolId', this.identity.identityPool.ref, "Turns a desk sign-in into the group's role");
    output('DeskSignInUrl', this.signIn.authority, "The desk's managed login (Cognito domain)");
  }
}
