import type { APIGatewayProxyEventV2 } from 'aws-lambda';
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
}

/**
 * API Gateway's IAM authorization on the runner: verifies the request's SigV4 signature against the runner's own
 * credentials and, when it holds, puts the caller into the event as API Gateway does. Answers the message of a
 * refusal (the route then gets 403 and the function never runs), or undefined.
 */
export async function authorizeIam(
  event: APIGatewayProxyEventV2,
  req: SignedRequest,
  o: IamContext,
): Promise<string | undefined> {
  const headers = event.headers as Record<string, string>;
  const verdict = await verifySigV4(
    { ...req, headers },
    {
      accessKeyId: o.env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: o.env.AWS_SECRET_ACCESS_KEY ?? '',
      region: o.env.AWS_REGION ?? '',
    },
    o.now(),
  );
  if (!verdict.ok) return `Forbidden: ${verdict.reason}`;
  const iam = { accessKey: verdict.accessKey, accountId: 'local', callerId: verdict.accessKey };
  const userArn = `arn:aws:iam::local:user/${verdict.accessKey}`;
  Object.assign(event.requestContext, {
    authorizer: { iam: { ...iam, cognitoIdentity: null, principalOrgId: '', userArn, userId: verdict.accessKey } },
  });
  return undefined;
}
