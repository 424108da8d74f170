import type { APIGatewayProxyEventV2WithIAMAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from 'zod/mini';
import type { Log } from '../../app/ports/log.ts';
import { isEdition } from '../../core/edition.ts';
import { InvalidInputError, NotFoundError } from '../../core/errors.ts';
import { isLanguage, LANGUAGES, type Language } from '../../core/language.ts';
import { type HttpRequest, RequestError } from '../http/request.ts';
import { ADMIN_ROUTE_ROLES, type AdminRouteKey } from './route-keys.ts';

type Result = APIGatewayProxyStructuredResultV2;

/** An admin request after the router's checks: path parameters valid, body parsed against the route's schema. */
export interface AdminInput<B> {
  readonly edition: string;
  readonly language: Language;
  /** A commentary's key (`{key}` in the path): lowercase letters, digits and hyphens. */
  readonly key: string;
  /** An import's id (`{id}` in the path): the file's sha-256, 64 lowercase hex digits. */
  readonly id: string;
  readonly body: B;
  readonly accept: string;
  /** The IAM principal that signed the request (for the log and the hold record). */
  readonly caller: string;
}

/** One route: its body schema (absent: no body expected) and its action. */
export interface AdminRoute<D> {
  readonly body?: z.ZodMiniType;
  run(deps: D, input: AdminInput<never>): Promise<Result>;
}

/** Declares a route whose action gets the body as its schema's output. */
export function adminRoute<D, S extends z.ZodMiniType = z.ZodMiniUndefined>(route: {
  body?: S;
  run(deps: D, input: AdminInput<z.output<S>>): Promise<Result>;
}): AdminRoute<D> {
  return route as AdminRoute<D>;
}

/** The event the admin function gets: IAM-authorized, with the edge middleware's parsed request. */
export type AdminEvent = APIGatewayProxyEventV2WithIAMAuthorizer & { parsed?: HttpRequest };

/** The signer's identity as API Gateway (or the local runner) verified it. */
export function callerOf(event: AdminEvent): string {
  const iam = event.requestContext.authorizer?.iam;
  return iam?.userArn ?? iam?.callerId ?? iam?.accessKey ?? 'unknown';
}

function jsonBody(req: HttpRequest, schema: z.ZodMiniType): unknown {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (req.body === '') {
    if (schema.safeParse(undefined).success) return undefined;
    throw new InvalidInputError('invalid_request', 'a JSON body is required');
  }
  if (type !== 'application/json') throw new RequestError(415, 'unsupported_media_type', 'send application/json');
  let value: unknown;
  try {
    value = JSON.parse(req.body);
  } catch {
    throw new RequestError(400, 'invalid_json', 'request body is not valid JSON');
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'body';
  throw new InvalidInputError('invalid_request', `${where}: ${issue?.message ?? 'invalid'}`);
}

/**
 * Routes an admin request by its route key to one entry of the table, after checking its path parameters (a bad
 * edition is `400`, an unknown language `404`) and its body; logs every action with the caller's identity (the IAM
 * principal's ARN), the route and its role (`subscriber-data` for lookup, export and erase: the audit trail of data
 * requests), never the body (it may hold a reader's address). Errors go on to the edge middleware.
 */
export async function routeAdmin<D>(
  routes: Record<AdminRouteKey, AdminRoute<D>>,
  deps: D & { log: Log },
  event: AdminEvent,
): Promise<Result> {
  const routeKey = event.routeKey as AdminRouteKey;
  const route = routes[routeKey];
  const caller = callerOf(event);
  const { edition = '', language = '', key = '', id = '' } = event.pathParameters ?? {};
  const role = ADMIN_ROUTE_ROLES[routeKey];
  const facts = { route: routeKey, role, caller, ...(edition ? { edition } : {}), ...(language ? { language } : {}) };
  try {
    if (!route) throw new RequestError(405, 'unknown_route', `${event.routeKey} is not an admin route`);
    if (edition && !isEdition(edition))
      throw new InvalidInputError('invalid_edition', 'edition must be an ISO week like 2026-W48');
    if (language && !isLanguage(language))
      throw new NotFoundError('unknown_language', `language must be one of ${LANGUAGES.join(', ')}`);
    if (key && !/^[a-z0-9-]{1,200}$/.test(key))
      throw new NotFoundError('unknown_commentary', 'a commentary key has only lowercase letters, digits and hyphens');
    if (id && !/^[0-9a-f]{64}$/.test(id))
      throw new NotFoundError('unknown_import', "an import's id is its file's sha-256 (64 lowercase hex digits)");
    const req = event.parsed as HttpRequest;
    const body = route.body ? jsonBody(req, route.body) : undefined;
    const accept = req.headers.accept ?? '';
    const result = await route.run(deps, {
      edition,
      language: language as Language,
      key,
      id,
      body: body as never,
      accept,
      caller,
    });
    deps.log.info('admin action', { ...facts, status: result.statusCode });
    return result;
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'internal_error';
    deps.log.info('admin action refused', { ...facts, code });
    throw error;
  }
}
