import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import type { DeskGroup } from './accounts.ts';
import { type IdClaims, verifyIdToken } from './jwt.ts';
import type { SigninKeys } from './keys.ts';
import { DESK_CLIENT_ID } from './oidc.ts';
import { mintSession } from './session.ts';

type Route = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

export const IDENTITY_PATH = '/local/cognito-identity/';
export const IDENTITY_POOL_ID = 'local:desk';
const TARGET = 'AWSCognitoIdentityService.';

const Logins = z.record(z.string(), z.string().min(1).max(16_384));
const GetId = z.object({ AccountId: z.string().optional(), IdentityPoolId: z.string(), Logins: Logins.optional() });
const GetCredentials = z.object({
  IdentityId: z.string().min(1).max(55),
  Logins: Logins.optional(),
  CustomRoleArn: z.string().optional(),
});

/** A Cognito Identity error: status 400 and the `__type` the SDK turns into its exception. */
const fault = (type: string, message: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode: 400,
  headers: { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-ErrorType': type },
  body: JSON.stringify({ __type: type, message }),
});
const ok = (body: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/x-amz-json-1.1', 'Cache-Control': 'no-store' },
  body: JSON.stringify(body),
});

/** What the identity pool's stand-in needs: the sign-in's keys, the issuer it trusts, the region, the clock. */
export interface IdentityOptions {
  readonly keys: SigninKeys;
  readonly issuer: string;
  readonly region: string;
  readonly now: () => number;
}

/**
 * The identity pool's stand-in at `/local/cognito-identity/`: Cognito Identity's JSON 1.1 `GetId` and
 * `GetCredentialsForIdentity` for the local sign-in's id tokens (no guest access). The credentials are the role of
 * the token's group; the runner's SigV4 check recognizes them and enforces that role.
 */
export function identityRoutes(o: IdentityOptions): Record<string, Route> {
  const loginsKey = o.issuer.replace(/^https?:\/\//, '');
  const identityOf = (sub: string) => {
    const h = createHash('sha256').update(`${IDENTITY_POOL_ID}\u0000${sub}`).digest('hex');
    return `${o.region}:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  };
  /** The verified claims of the request's login, or the fault to answer. */
  const login = (logins: Record<string, string> | undefined): { claims: IdClaims; group: DeskGroup } | string => {
    const entries = Object.entries(logins ?? {});
    if (entries.length === 0) return 'Unauthenticated access is not supported for this identity pool.';
    const token = logins?.[loginsKey];
    if (entries.length !== 1 || token === undefined)
      return `Invalid login token. Only ${loginsKey} is a provider of this identity pool.`;
    const verdict = verifyIdToken(token, o.keys, { iss: o.issuer, aud: DESK_CLIENT_ID, now: o.now() });
    if (!verdict.ok) return verdict.reason;
    // The role of the group with the lowest precedence, as the user pool's groups on AWS (data 1, editor 2); none: no
    // credentials (never a default role).
    const groups = verdict.claims['cognito:groups'];
    const group = (['data', 'editor'] as const).find((g) => groups.includes(g));
    if (!group) return 'No role applies to this user: it is in neither of the groups editor and data.';
    return { claims: verdict.claims, group };
  };

  const handle: Route = async (event) => {
    const type = (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/x-amz-json-1.1')
      return fault('SerializationException', 'Content-Type must be application/x-amz-json-1.1');
    const target = event.headers['x-amz-target'] ?? '';
    const text = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString() : (event.body ?? '');
    let body: unknown;
    try {
      body = JSON.parse(text || '{}');
    } catch {
      return fault('SerializationException', 'the request body is not valid JSON');
    }
    const invalid = (e: z.ZodError) => {
      const issue = e.issues[0];
      return fault('InvalidParameterException', `${issue?.path.join('.') || 'body'}: ${issue?.message}`);
    };
    if (target === `${TARGET}GetId`) {
      const r = GetId.safeParse(body);
      if (!r.success) return invalid(r.error);
      if (r.data.IdentityPoolId !== IDENTITY_POOL_ID)
        return fault('ResourceNotFoundException', `IdentityPool '${r.data.IdentityPoolId}' not found.`);
      const who = login(r.data.Logins);
      if (typeof who === 'string') return fault('NotAuthorizedException', who);
      return ok({ IdentityId: identityOf(who.claims.sub) });
    }
    if (target === `${TARGET}GetCredentialsForIdentity`) {
      const r = GetCredentials.safeParse(body);
      if (!r.success) return invalid(r.error);
      if (r.data.CustomRoleArn !== undefined)
        return fault('InvalidParameterException', 'CustomRoleArn is not supported: the role follows the group');
      const who = login(r.data.Logins);
      if (typeof who === 'string') return fault('NotAuthorizedException', who);
      if (r.data.IdentityId !== identityOf(who.claims.sub))
        return fault(
          'NotAuthorizedException',
          "Logins don't match. Please include at least one valid login for this identity or identity pool.",
        );
      const user = who.claims['cognito:username'];
      const session = { group: who.group, user, sub: who.claims.sub, identityId: r.data.IdentityId };
      return ok({ IdentityId: r.data.IdentityId, Credentials: mintSession(o.keys.sessionKey, session, o.now()) });
    }
    return fault('UnknownOperationException', `unknown operation ${target || '(no X-Amz-Target)'}`);
  };
  return { [`POST ${IDENTITY_PATH}`]: handle, [`POST ${IDENTITY_PATH.slice(0, -1)}`]: handle };
}
