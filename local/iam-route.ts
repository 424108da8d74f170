import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ADMIN_ROUTE_ROLES, type AdminRouteKey } from '../functions/handlers/admin/route-keys.ts';
import { DESK_ROLES, readSession, type Session, secretOf, sessionArn } from './signin/session.ts';
import { verifySigV4 } from './sigv4.ts';

/** What the signature covers, as the runner received it. */
export interface SignedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: Buffer;
}

/** What the runner's IAM check knows: the functions' environment (its own credentials, region) and the clock. */
export interface IamContext {
  readonly env: Record<string, string>;
  readonly now: () => number;
  /** The key that seals the identity-pool stand-in's session credentials (none: only the runner's own keys). */
  readonly sessionKey?: Buffer;
}

const ACCESS_KEY = /Credential=([^/,\s]+)\//;

/** The session of a request signed with the identity stand-in's credentials, or the 403's message. */
function sessionOf(headers: Record<string, string>, accessKey: string | undefined, key: Buffer): Session | string {
  const token = headers['x-amz-security-token'];
  if (!token) return 'Forbidden: unknown access key';
  const session = readSession(key, token);
  if (!session || session.akid !== accessKey) return 'The security token included in the request is invalid.';
  return session;
}

/**
 * API Gateway's IAM authorization on the runner: verifies the request's SigV4 signature against the runner's own
 * credentials (every admin route), or against the desk's session credentials from the identity-pool stand-in (the
 * admin routes of its role, until they expire) and, when it holds, puts the caller into the event as API Gateway
 * does. Answers the message of a refusal (the route then gets 403 and the function never runs), or undefined.
 */
export async function authorizeIam(
  event: APIGatewayProxyEventV2,
  req: SignedRequest,
  o: IamContext,
): Promise<string | undefined> {
  const headers = event.headers as Record<string, string>;
  const region = o.env.AWS_REGION ?? '';
  const accessKey = ACCESS_KEY.exec(headers.authorization ?? '')?.[1];
  const own = o.env.AWS_ACCESS_KEY_ID ?? '';
  let session: Session | undefined;
  if (accessKey !== undefined && accessKey !== own && o.sessionKey) {
    const found = sessionOf(headers, accessKey, o.sessionKey);
    if (typeof found === 'string') return found;
    if (found.exp * 1000 <= o.now()) return 'The security token included in the request is expired';
    session = found;
  }
  const creds = session
    ? { accessKeyId: session.akid, secretAccessKey: secretOf(o.sessionKey as Buffer, session.akid), region }
    : { accessKeyId: own, secretAccessKey: o.env.AWS_SECRET_ACCESS_KEY ?? '', region };
  const verdict = await verifySigV4({ ...req, headers }, creds, o.now());
  if (!verdict.ok) return `Forbidden: ${verdict.reason}`;
  if (!session) {
    const iam = { accessKey: verdict.accessKey, accountId: 'local', callerId: verdict.accessKey };
    const userArn = `arn:aws:iam::local:user/${verdict.accessKey}`;
    Object.assign(event.requestContext, {
      authorizer: { iam: { ...iam, cognitoIdentity: null, principalOrgId: '', userArn, userId: verdict.accessKey } },
    });
    return undefined;
  }
  const userArn = sessionArn(session);
  const role = ADMIN_ROUTE_ROLES[event.routeKey as AdminRouteKey] as string | undefined;
  if (!role || !(DESK_ROLES[session.group].may as readonly string[]).includes(role)) {
    const resource = `arn:aws:execute-api:${region}:local:local/$default/${req.method}${req.path}`;
    return `User: ${userArn} is not authorized to perform: execute-api:Invoke on resource: ${resource}`;
  }
  const roleId = `AROALOCAL${session.group.toUpperCase()}`;
  const loginsKey = (o.env.DESK_LOGINS_KEY ?? '') as string;
  const cognitoIdentity = {
    amr: ['authenticated', loginsKey, `${loginsKey}:CognitoSignIn:${session.sub}`],
    identityId: session.identityId,
    identityPoolId: o.env.DESK_IDENTITY_POOL_ID ?? '',
  };
  Object.assign(event.requestContext, {
    authorizer: {
      iam: {
        accessKey: session.akid,
        accountId: 'local',
        callerId: `${roleId}:${session.user}`,
        cognitoIdentity,
        principalOrgId: '',
        userArn,
        userId: `${roleId}:${session.user}`,
      },
    },
  });
  return undefined;
}
