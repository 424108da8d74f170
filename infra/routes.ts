import type { RouteKey } from './http-api.ts';
import type { EntryName } from './lambda.ts';

/**
 * The public API's routes by the function that serves them: the one table the stack (`functions.ts`) and the local
 * runner (`local/stack.ts`) both read. Kept free of CDK imports so the local runner loads it cheaply.
 */
export const ROUTES = {
  subscribe: ['POST /subscribe', 'GET /subscribe'],
  confirm: ['GET /confirm', 'POST /confirm'],
  unsubscribe: ['GET /unsubscribe', 'POST /unsubscribe'],
  widget: ['GET /widget.js', 'GET /widget.css'],
} as const satisfies Partial<Record<EntryName, readonly RouteKey[]>>;

/** A function that serves HTTP routes. */
export type HttpEntry = keyof typeof ROUTES;

/** The CORS answer of the public API for the site's allowed origins (API Gateway `corsPreflight`). */
export const CORS = {
  allowMethods: ['GET', 'POST'],
  allowHeaders: ['content-type'],
  maxAgeSeconds: 3600,
} as const;
