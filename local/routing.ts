import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

/** A Lambda handler behind an HTTP API route. */
export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** One route as the local runner serves it; `iam` routes need a SigV4 signature, as AWS_IAM routes on AWS. */
export interface LocalRoute {
  readonly key: string;
  readonly handler: HttpHandler;
  readonly iam: boolean;
  /** Part of the deployed API (API Gateway adds CORS headers to its answers), not one of the runner's own pages. */
  readonly deployed: boolean;
}

/** A route found for a request, with its path parameters (`{edition}` in the key). */
export interface RouteMatch {
  readonly route: LocalRoute;
  readonly pathParameters: Record<string, string>;
}

function compile(key: string): { method: string; pattern: RegExp; names: string[] } {
  const [method = '', path = ''] = key.split(' ');
  const names: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)(\+?)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1] as string);
      // `{name+}` (API Gateway's greedy parameter) takes the rest of the path.
      return param[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  return { method, pattern: new RegExp(`^${source}$`), names };
}

/**
 * Finds a request's route as API Gateway does: the literal key first, else the first template that matches; a path
 * with a trailing slash that matches nothing is routed as the path without it (`/desk/` to `GET /desk`).
 */
export function matcher(routes: readonly LocalRoute[]): (method: string, path: string) => RouteMatch | undefined {
  const compiled = routes.map((route) => ({ route, ...compile(route.key) }));
  const find = (method: string, path: string): RouteMatch | undefined => {
    const exact = compiled.find((c) => c.route.key === `${method} ${path}`);
    if (exact) return { route: exact.route, pathParameters: {} };
    for (const c of compiled) {
      if (c.method !== method) continue;
      const m = c.pattern.exec(path);
      if (!m) continue;
      const pathParameters: Record<string, string> = {};
      c.names.forEach((name, i) => {
        pathParameters[name] = decodeURIComponent(m[i + 1] as string);
      });
      return { route: c.route, pathParameters };
    }
    return undefined;
  };
  return (method, path) =>
    find(method, path) ?? (path.length > 1 && path.endsWith('/') ? find(method, path.slice(0, -1)) : undefined);
}
