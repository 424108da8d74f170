import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ensureTable } from '../functions/adapters/dynamo/table.ts';
import { mailReportWhenComplete } from '../functions/app/report-mail.ts';
import { reportMailDeps } from '../functions/wiring/feeds.ts';
import { createMailer } from '../functions/wiring/mailer.ts';
import { createSendContext } from '../functions/wiring/send.ts';
import { CorsEmulation } from './cors.ts';
import { dispatchLocally, type LocalDispatchOptions, type LocalSendResult } from './dispatcher.ts';
import { external, externalEndpoint, own } from './endpoints.ts';
import { localEnvironment } from './env.ts';
import { authorizeIam, type SignedRequest } from './iam-route.ts';
import { inboundRoutes } from './inbound-page.ts';
import { type LambdaStandIn, startLambdaStandIn } from './lambda-stand-in.ts';
import { loadRoutes } from './routes.ts';
import { type HttpHandler, matcher } from './routing.ts';
import { type Serving, send, serve } from './serve.ts';
import { type LocalSignin, localSignin } from './signin/index.ts';
import { type SmtpStandIn, startSmtp } from './smtp.ts';
import { type StandIn, startDynalite, startSes } from './stand-ins.ts';

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
  /** How the local dispatch function runs (tests shorten its back-off). */
  readonly dispatch?: LocalDispatchOptions;
  /**
   * A DynamoDB or SES endpoint to use instead of starting a stand-in (DynamoDB Local, a fault proxy in front of a
   * stand-in...). Default: AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SESV2 when set by whoever started us.
   */
  readonly dynamoEndpoint?: string;
  readonly sesEndpoint?: string;
  /** The desk sign-in's clock in ms (tokens' and session credentials' expiry); default Date.now. */
  readonly now?: () => number;
}

/** A running local stack. */
export interface LocalStack {
  readonly apiUrl: string;
  readonly sesUrl: string;
  readonly dynamo: StandIn;
  readonly ses: StandIn;
  readonly smtp: SmtpStandIn;
  readonly lambda: LambdaStandIn;
  readonly env: Record<string, string>;
  /** The desk's local sign-in (OIDC provider, identity-pool stand-in) and its sample accounts. */
  readonly signin: LocalSignin;
  /** Runs the dispatch function here and now (the schedule, the home page's button) until every e-mail is handed over. */
  dispatch(input?: { edition?: string }): Promise<LocalSendResult>;
  /** Resolves when every confirmation e-mail queued so far has been handed to SES (or dead-lettered). */
  drain(): Promise<void>;
  /**
   * Resolves when nothing runs in the background: the confirmations drained, and every function invoked as an
   * `Event` finished (the dispatch that `send` started, its edition's delayed completion check and report included).
   */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts dynalite, the SES stand-in, the dispatch function and the HTTP API (same handlers as on Lambda) on
 * 127.0.0.1; a DynamoDB or SES endpoint given (or set in AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SESV2) is used
 * instead of its stand-in, and the table is created there when it is missing.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  if (options.dataDir) mkdirSync(join(options.dataDir, 'dynamodb'), { recursive: true });
  const dynamoAt = externalEndpoint(options.dynamoEndpoint, 'AWS_ENDPOINT_URL_DYNAMODB');
  const sesAt = externalEndpoint(options.sesEndpoint, 'AWS_ENDPOINT_URL_SESV2');
  const dynamo = dynamoAt
    ? external(dynamoAt)
    : await own(
        startDynalite({
          port: options.dynamoPort ?? 0,
          ...(options.dataDir ? { path: join(options.dataDir, 'dynamodb') } : {}),
        }),
      );
  const ses = sesAt ? external(sesAt) : await own(startSes({ port: options.sesPort ?? 0 }));
  let context: ReturnType<typeof createSendContext> | undefined;
  const dispatch = async (input: { edition?: string } = {}) => {
    context ??= createSendContext(env);
    const ctx = await context;
    const sent = await dispatchLocally(ctx, input, options.dispatch);
    // What the deliverer does on AWS when the queue runs dry: the editors' report, once every e-mail is handed over.
    const mailer = createMailer(ctx.config);
    await mailReportWhenComplete(reportMailDeps(ctx, mailer), sent.result.edition).catch((error: unknown) =>
      console.error(`[report] ${sent.result.edition}: ${String((error as Error).message)}`),
    );
    return sent;
  };
  const lambda = await startLambdaStandIn(
    { dispatch: (payload) => dispatch(payload as { edition?: string }) },
    (name, error) => console.error(`[${name}] ${String((error as Error).message)}`),
  );
  // The server listens first (PUBLIC_URL needs its port) and answers only once the routes are loaded: a request that
  // arrives meanwhile waits for them instead of hanging unanswered; if the start fails, it gets a 503.
  let ready: (serving: Serving) => void = () => {};
  let failed: (error: unknown) => void = () => {};
  const serving = new Promise<Serving>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });
  serving.catch(() => {});
  const server: Server = createServer((req, res) => {
    void serving.then(
      (s) => serve(s, req, res),
      () => send(res, 503, { error: { code: 'unavailable', message: 'the local stack failed to start' } }),
    );
  });
  // Idle keep-alive connections are closed by the client first (undici: 4 s, checked on a coarse timer), never by
  // the server while a request is on its way: with Node's 5 s default the two raced on a busy machine and a CLI call
  // failed with ECONNRESET (CI, send-pipeline 'test-sends one copy').
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const env = localEnvironment(
    {
      apiUrl,
      dynamoEndpoint: dynamo.endpoint,
      sesEndpoint: ses.endpoint,
      lambdaEndpoint: lambda.endpoint,
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    },
    options.env,
  );
  Object.assign(process.env, env);
  let smtp: SmtpStandIn;
  let signin: LocalSignin;
  let drain: () => Promise<void> = async () => {};
  // The sign-in's RSA key and sample accounts' hashes are made meanwhile (off the main thread).
  const now = options.now ?? Date.now;
  const signinStarting = localSignin({ apiUrl, dataDir: options.dataDir, region: env.AWS_REGION as string, now });
  signinStarting.catch(() => {});
  try {
    await ensureTable(new DynamoDBClient({}), env.TABLE_NAME as string);
    const { createInboundProcessor } = await import('../functions/wiring/inbound.ts');
    smtp = await startSmtp({ port: options.smtpPort ?? 0, process: await createInboundProcessor(env) });
    const local = Object.entries(inboundRoutes(smtp)).map(([key, handler]) => ({
      key,
      handler: handler as unknown as HttpHandler,
      iam: false,
      deployed: false,
    }));
    // The subscribe function mails its confirmations through an in-process queue here (no CONFIRM_QUEUE_URL),
    // registered before the functions load.
    const { createSubscriptionContext, useLocalConfirmations } = await import('../functions/wiring/subscription.ts');
    const { confirmationDeps, inProcessConfirmations } = await import('../functions/wiring/confirmations.ts');
    const confirmations = inProcessConfirmations(await confirmationDeps(await createSubscriptionContext(env)));
    useLocalConfirmations(confirmations);
    drain = () => confirmations.drain();
    signin = await signinStarting;
    const find = matcher([...(await loadRoutes({ env, sesUrl: ses.endpoint, dispatch })), ...local, ...signin.routes]);
    const authorize = (event: APIGatewayProxyEventV2, req: SignedRequest) =>
      authorizeIam(event, req, { env, now, sessionKey: signin.keys.sessionKey });
    ready({
      find,
      authorize,
      cors: new CorsEmulation(env.ALLOWED_ORIGINS ?? ''),
      trust: options.trustForwardedFor ?? false,
    });
  } catch (error) {
    failed(error);
    server.close();
    throw error;
  }
  return {
    apiUrl,
    sesUrl: ses.endpoint,
    dynamo,
    ses,
    smtp,
    lambda,
    env,
    signin,
    dispatch,
    drain,
    async settled() {
      await lambda.idle();
      await drain();
    },
    async close() {
      server.closeAllConnections();
      await drain();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await lambda.close();
      await Promise.all([dynamo.close(), ses.close(), smtp.close()]);
    },
  };
}
