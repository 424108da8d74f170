import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { toApiGatewayEvent } from './apigw.ts';
import type { CorsEmulation } from './cors.ts';
import type { SignedRequest } from './iam-route.ts';
import type { RouteMatch } from './routing.ts';

// API Gateway's own limit; each function enforces its smaller one (8 KB public, 1 MB admin) with a 413 of its own.
const MAX_BODY = 10 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** What the runner's HTTP server answers with once its routes are loaded. */
export interface Serving {
  readonly find: (method: string, path: string) => RouteMatch | undefined;
  readonly cors: CorsEmulation;
  readonly trust: boolean;
  /** API Gateway's IAM authorization: undefined when the request may go on, else the 403's message. */
  readonly authorize: (event: APIGatewayProxyEventV2, req: SignedRequest) => Promise<string | undefined>;
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Answers one request as API Gateway and the route's function would. */
export async function serve(s: Serving, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { find, cors, trust: trustForwardedFor } = s;
  try {
    const url = new URL(req.url ?? '/', 'http://local');
    const origin = req.headers.origin;
    if (req.method === 'OPTIONS') {
      // API Gateway answers CORS preflight itself; so does this runner.
      res.writeHead(204, cors.preflight(origin));
      res.end();
      return;
    }
    const match = find(req.method ?? 'GET', url.pathname);
    if (!match) return send(res, 404, { error: { code: 'not_found', message: 'no such route' } });
    const body = await readBody(req);
    if (!body) return send(res, 413, { message: 'Request Entity Too Large' });
    const event = toApiGatewayEvent(req, body, match.route.key, { trustForwardedFor });
    if (Object.keys(match.pathParameters).length > 0) event.pathParameters = match.pathParameters;
    if (match.route.iam) {
      const signed = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body };
      const refusal = await s.authorize(event, signed);
      // API Gateway's answer to a request IAM authorization refuses; the function never runs.
      if (refusal !== undefined) return send(res, 403, { message: refusal });
    }
    const answer = await match.route.handler(event, {
      functionName: match.route.key,
      awsRequestId: event.requestContext.requestId,
    } as Context);
    // API Gateway adds the CORS headers to the API's answers; the runner's own pages are same-origin.
    const result = match.route.deployed ? cors.answer(answer, origin) : answer;
    res.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
    res.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
  } catch (error) {
    send(res, 500, { error: { code: 'internal_error', message: String((error as Error).message) } });
  }
}
