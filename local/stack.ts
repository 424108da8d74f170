import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ensureTable } from '../functions/adapters/dynamo/table.ts';
import { toApiGatewayEvent } from './apigw.ts';
import { localEnvironment } from './env.ts';
import { inboundRoutes } from './inbound-page.ts';
import { type SmtpStandIn, startSmtp } from './smtp.ts';
import { type StandIn, startDynalite, startSes } from './stand-ins.ts';

type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** Options of a local stack; every port 0 picks a free one. */
export interface LocalStackOptions {
  readonly port?: number;
  readonly dynamoPort?: number;
  readonly sesPort?: number;
  /** The inbound-mail (SMTP) stand-in's port. */
  readonly smtpPort?: number;
  /** Folder for LevelDB data and the generated secret; omitted: in memory. */
  readonly dataDir?: string;
  /** Extra environment for the functions (overrides the defaults). */
  readonly env?: Record<string, string>;
  /**
   * Take the client address from X-Forwarded-For, as tests and benchmarks do to act as many clients (each gets its
   * own rate-limit bucket). Off for `npm start`: API Gateway sets the real address on AWS.
   */
  readonly trustForwardedFor?: boolean;
}

/** A running local stack. */
export interface LocalStack {
  readonly apiUrl: string;
  readonly sesUrl: string;
  readonly dynamo: StandIn;
  readonly ses: StandIn;
  readonly smtp: SmtpStandIn;
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // Like API Gateway, refuse what is far too big before the function sees it; the function enforces 8 KB itself.
    if (size > MAX_BODY) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Starts dynalite, the SES stand-in and the HTTP API (same handlers as on Lambda) on 127.0.0.1. */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  if (options.dataDir) mkdirSync(join(options.dataDir, 'dynamodb'), { recursive: true });
  const dynamo = await startDynalite({
    port: options.dynamoPort ?? 0,
    ...(options.dataDir ? { path: join(options.dataDir, 'dynamodb') } : {}),
  });
  const ses = await startSes({ port: options.sesPort ?? 0 });
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const env = localEnvironment(
    {
      apiUrl,
      dynamoEndpoint: dynamo.endpoint,
      sesEndpoint: ses.endpoint,
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    },
    options.env,
  );
  Object.assign(process.env, env);
  await ensureTable(new DynamoDBClient({}), env.TABLE_NAME as string);
  const { createInboundProcessor } = await import('../functions/handlers/inbound-processor.ts');
  const smtp = await startSmtp({ port: options.smtpPort ?? 0, process: await createInboundProcessor(env) });
  const routes = { ...(await loadRoutes(env, ses.endpoint)), ...inboundRoutes(smtp) };
  const trust = options.trustForwardedFor ?? false;
  server.on('request', (req, res) => void serve(routes, env, trust, req, res));
  return {
    apiUrl,
    sesUrl: ses.endpoint,
    dynamo,
    ses,
    smtp,
    env,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([dynamo.close(), ses.close(), smtp.close()]);
    },
  };
}

/** The API's routes (the Lambda handlers, as API Gateway routes them) plus the local runner's own pages. */
async function loadRoutes(env: Record<string, string>, sesUrl: string): Promise<Record<string, HttpHandler>> {
  const [subscribe, confirm, unsubscribe, widget, home] = await Promise.all([
    import('../functions/handlers/subscribe.ts'),
    import('../functions/handlers/confirm.ts'),
    import('../functions/handlers/unsubscribe.ts'),
    import('../functions/handlers/widget.ts'),
    import('./home.ts'),
  ]);
  return {
    'POST /subscribe': subscribe.handler as unknown as HttpHandler,
    'GET /subscribe': subscribe.handler as unknown as HttpHandler,
    'GET /confirm': confirm.handler as unknown as HttpHandler,
    'POST /confirm': confirm.handler as unknown as HttpHandler,
    'GET /unsubscribe': unsubscribe.handler as unknown as HttpHandler,
    'POST /unsubscribe': unsubscribe.handler as unknown as HttpHandler,
    'GET /widget.js': widget.handler,
    'GET /widget.css': widget.handler,
    // Local runner only, never deployed: the home page, digest previews and the "send now" button.
    ...home.homeRoutes({ env, sesUrl, widgetVersion: widget.widgetVersions().js }),
  };
}

async function serve(
  routes: Record<string, HttpHandler>,
  env: Record<string, string>,
  trustForwardedFor: boolean,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'http://local');
    const routeKey = `${req.method} ${url.pathname}`;
    const origin = req.headers.origin;
    const allowed = (env.ALLOWED_ORIGINS ?? '').split(',').includes(origin ?? '');
    if (req.method === 'OPTIONS') {
      // API Gateway answers CORS preflight itself; so does this runner.
      res.writeHead(
        204,
        allowed && origin
          ? {
              'Access-Control-Allow-Origin': origin,
              'Access-Control-Allow-Methods': 'POST, GET',
              'Access-Control-Allow-Headers': 'content-type',
              'Access-Control-Max-Age': '600',
              Vary: 'Origin',
            }
          : {},
      );
      res.end();
      return;
    }
    const handler = routes[routeKey];
    if (!handler) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'not_found', message: 'no such route' } }));
      return;
    }
    const event = toApiGatewayEvent(req, await readBody(req), routeKey, { trustForwardedFor });
    const result = await handler(event, {
      functionName: routeKey,
      awsRequestId: event.requestContext.requestId,
    } as Context);
    res.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
    res.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
  } catch (error) {
    res.writeHead(500, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'internal_error', message: String((error as Error).message) } }));
  }
}
