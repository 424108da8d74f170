import {
  ADMIN_ROUTE_KEYS,
  ADMIN_ROUTE_ROLES,
  type AdminRole,
  type AdminRouteKey,
} from '../functions/handlers/admin/route-keys.ts';
import type { RouteAuthorization, RouteKey } from './http-api.ts';
import type { EntryName } from './lambda.ts';

/** The routes of one function and who may call them (default `public`). */
export interface FunctionRoutes {
  readonly routes: readonly RouteKey[];
  readonly authorization?: RouteAuthorization;
  /** For `iam` routes: the role (one managed policy each) that may call each route. */
  readonly roles?: Readonly<Record<string, AdminRole>>;
}

/** Public page routes with a `HEAD` twin of each `GET` (a browser's or a link checker's probe answers like `GET`). */
function pages<const K extends RouteKey>(...keys: K[]): (K | `HEAD /${string}`)[] {
  return [...keys, ...keys.filter((k) => k.startsWith('GET ')).map((k) => `HEAD ${k.slice(4)}` as `HEAD /${string}`)];
}

/**
 * The API's routes by the function that serves them: the one table the stack (`functions.ts`) and the local runner
 * (`local/routes.ts`) both read. Kept free of CDK imports so the local runner loads it cheaply.
 */
export const ROUTES = {
  subscribe: { routes: pages('POST /subscribe', 'GET /subscribe') },
  confirm: { routes: pages('GET /confirm', 'POST /confirm') },
  unsubscribe: { routes: pages('GET /unsubscribe', 'POST /unsubscribe') },
  erase: { routes: pages('GET /erase', 'POST /erase') },
  admin: { routes: ADMIN_ROUTE_KEYS, authorization: 'iam', roles: ADMIN_ROUTE_ROLES },
  widget: { routes: pages('GET /widget.js', 'GET /widget.css', 'GET /robots.txt', 'GET /favicon.ico') },
  archive: { routes: pages('GET /archive/{language}', 'GET /archive/{language}/{edition}') },
  hold: { routes: pages('GET /hold', 'POST /hold') },
  // The editors' desk: API Gateway refuses a route path ending in '/', and routes `/desk/` like `/desk`.
  desk: { routes: pages('GET /desk', 'GET /desk/{proxy+}') },
} as const satisfies Partial<Record<EntryName, FunctionRoutes>>;

/**
 * The routes a role's managed policy allows: the editors' (`EditorsPolicyArn`) or the data requests'
 * (`SubscriberDataPolicyArn`: lookup, export, erase). Both policies derive from the marks in the table above.
 */
export function routesOfRole(role: AdminRole): AdminRouteKey[] {
  return ROUTES.admin.routes.filter((key) => ROUTES.admin.roles[key] === role);
}

/** The role whose policy allows a concrete admin request (e.g. `POST /admin/subscribers/lookup`), if any. */
export function roleOfRequest(method: string, path: string): AdminRole | undefined {
  const key = ROUTES.admin.routes.find((k) => {
    const [m, p] = k.split(' ') as [string, string];
    return m === method && new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path);
  });
  return key && ROUTES.admin.roles[key];
}

/** A function that serves HTTP routes. */
export type HttpEntry = keyof typeof ROUTES;

/** The CORS answer of the public API for the site's allowed origins (API Gateway `corsPreflight`). */
export const CORS = {
  allowMethods: ['GET', 'POST'],
  allowHeaders: ['content-type'],
  maxAgeSeconds: 3600,
} as const;
