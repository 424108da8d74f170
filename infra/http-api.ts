import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  type HttpRoute,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { CORS } from './routes.ts';

/** A route of the contract, e.g. `POST /subscribe` or `GET /admin/editions/{edition}`. */
export type RouteKey = `${'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE'} /${string}`;

/** Who may call a route: anyone (the public contract), or IAM principals with a SigV4 signature (`AWS_IAM`). */
export type RouteAuthorization = 'public' | 'iam';

// Why each public route has no authorizer (cdk-nag AwsSolutions-APIG4): the contract's users have no accounts.
const PUBLIC_BECAUSE: Record<string, string> = {
  '/subscribe':
    "the site's signup form posts here for anonymous visitors; abuse is limited by stage throttling, the per-client rate limit and double opt-in",
  '/confirm':
    'opened from the confirmation e-mail by a reader without an account; the signed, expiring token in the link is the authorization',
  '/unsubscribe':
    'RFC 8058 one-click unsubscribe must work without login, cookie or CSRF token; the signed token in the link is the authorization',
  '/erase':
    "opened from any of a reader's e-mails to erase their data; the signed, purpose-bound token in the link is the authorization, and GET changes nothing",
  '/widget.js': 'a static script embedded by the public site; it carries no data and changes nothing',
  '/widget.css': 'a static stylesheet embedded by the public site; it carries no data and changes nothing',
  '/robots.txt': 'crawlers read it anonymously; a static file that carries no data and changes nothing',
  '/favicon.ico': 'browsers fetch it anonymously; a static icon that carries no data and changes nothing',
  '/archive/{language}':
    'the public archive of sent editions, for anyone to read; read-only, no personal data, cacheable',
  '/hold':
    "opened from an editor's preview e-mail; the signed, edition-bound token that expires after the week is the authorization, and GET changes nothing",
  '/desk':
    "the editors' desk's page for a browser before sign-in: no data; every call it makes to the editors' API is SigV4-signed with the credentials of the editor's group",
  '/desk/{proxy+}':
    "the editors' desk's hashed script and style and its sign-in settings (public client and pool ids): no data; its calls to the editors' API are SigV4-signed",
  '/archive/{language}/{edition}':
    "a sent edition's web version (and the language's Atom feed), for anyone to read; read-only, without personal links",
};

/** Options of the public API. */
export interface PublicApiProps {
  readonly allowedOrigins: readonly string[];
  readonly throttle: { readonly rate: number; readonly burst: number };
}

/** The public HTTP API: only the contract's routes, stage-wide throttling, CORS for the site, access logs. */
export class PublicApi extends Construct {
  /** The HTTP API. */
  readonly api: HttpApi;
  /** Its `$default` stage. */
  readonly stage: HttpStage;
  /** The base URL, without a trailing slash. */
  readonly url: string;
  private readonly routes = new Map<RouteKey, HttpRoute>();
  private readonly routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};

  constructor(scope: Construct, id: string, props: PublicApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      description: 'Newsletter signup, confirmation and unsubscribe',
      createDefaultStage: false,
      ...(props.allowedOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: [...props.allowedOrigins],
              allowMethods: CORS.allowMethods.map((m) => CorsHttpMethod[m]),
              allowHeaders: [...CORS.allowHeaders],
              maxAge: Duration.seconds(CORS.maxAgeSeconds),
            },
          }
        : {}),
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttle.rate, burstLimit: props.throttle.burst },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // No client address or user agent fields: the logs should not become a record of who subscribed.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    this.url = this.api.apiEndpoint;
  }

  /**
   * Routes the given requests to one function (one integration shared by its routes); `iam` routes use IAM
   * authorization (SigV4), public ones must say why they need none.
   */
  addRoutes(
    id: string,
    fn: IFunction,
    routes: readonly RouteKey[],
    authorization: RouteAuthorization = 'public',
  ): void {
    const integration = new HttpLambdaIntegration(`${id}Integration`, fn);
    for (const key of routes) {
      const [method, path] = key.split(' ') as [keyof typeof HttpMethod, string];
      if (authorization === 'iam') {
        this.api.addRoutes({ path, methods: [HttpMethod[method]], integration, authorizer: new HttpIamAuthorizer() });
        continue;
      }
      for (const route of this.api.addRoutes({ path, methods: [HttpMethod[method]], integration })) {
        this.routes.set(key, route);
        const reason = PUBLIC_BECAUSE[path];
        if (!reason) throw new Error(`${key}: say why this route needs no authorizer (PUBLIC_BECAUSE)`);
        Validations.of(route).acknowledge({
          id: 'AwsSolutions::AwsSolutions-APIG4',
          reason: `${key} is public: ${reason}`,
        });
      }
    }
  }

  /**
   * Throttles one public route on its own (a signup flood from many clients stays below this, whatever the stage-wide
   * limit). The stage waits for the route: API Gateway refuses settings for a route it does not know yet.
   */
  throttleRoute(key: RouteKey, throttle: { readonly rate: number; readonly burst: number }): void {
    const route = this.routes.get(key);
    if (!route) throw new Error(`${key}: no such public route to throttle`);
    this.routeSettings[key] = { ThrottlingRateLimit: throttle.rate, ThrottlingBurstLimit: throttle.burst };
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    cfnStage.addPropertyOverride('RouteSettings', this.routeSettings);
    cfnStage.node.addDependency(route);
  }

  /** The execute-api ARN of each route on this stage, path parameters as `*` (for an `execute-api:Invoke` policy). */
  invokeArns(routes: readonly RouteKey[]): string[] {
    return routes.map((key) => {
      const [method, path] = key.split(' ') as [string, string];
      return this.api.arnForExecuteApi(method, path.replace(/\{[^}]+\}/g, '*'), this.stage.stageName);
    });
  }
}
