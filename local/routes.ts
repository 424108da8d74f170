import { DEFAULT_TIME_ZONE } from '../functions/core/edition.ts';
import { ADMIN_ROUTE_KEYS } from '../functions/handlers/admin/route-keys.ts';
import type { LocalSendResult } from './dispatcher.ts';
import type { HttpHandler, LocalRoute } from './routing.ts';

/** What the local-only pages need besides the handlers. */
export interface RouteOptions {
  readonly env: Record<string, string>;
  readonly sesUrl: string;
  readonly dispatch: (input?: { edition?: string }) => Promise<LocalSendResult>;
}

/** The API's routes (the Lambda handlers, as API Gateway routes them) plus the local runner's own pages. */
export async function loadRoutes(o: RouteOptions): Promise<LocalRoute[]> {
  const [subscribe, confirm, unsubscribe, widget, archive, admin, hold, home, samples] = await Promise.all([
    import('../functions/handlers/subscribe.ts'),
    import('../functions/handlers/confirm.ts'),
    import('../functions/handlers/unsubscribe.ts'),
    import('../functions/handlers/widget.ts'),
    import('../functions/handlers/archive.ts'),
    import('../functions/handlers/admin.ts'),
    import('../functions/handlers/hold.ts'),
    import('./home.ts'),
    import('./sample-feeds.ts'),
  ]);
  const table: Record<string, HttpHandler> = {
    'POST /subscribe': subscribe.handler as unknown as HttpHandler,
    'GET /subscribe': subscribe.handler as unknown as HttpHandler,
    'GET /confirm': confirm.handler as unknown as HttpHandler,
    'POST /confirm': confirm.handler as unknown as HttpHandler,
    'GET /unsubscribe': unsubscribe.handler as unknown as HttpHandler,
    'POST /unsubscribe': unsubscribe.handler as unknown as HttpHandler,
    'GET /widget.js': widget.handler,
    'GET /widget.css': widget.handler,
    'GET /robots.txt': widget.handler,
    'GET /favicon.ico': widget.handler,
    'GET /archive/{language}': archive.handler,
    'GET /archive/{language}/{edition}': archive.handler,
    'GET /hold': hold.handler as unknown as HttpHandler,
    'POST /hold': hold.handler as unknown as HttpHandler,
    // Local runner only: a sample feed per language for trying out FEEDS (README, "Feeds").
    ...samples.sampleFeedRoutes(o.env.TIMEZONE ?? DEFAULT_TIME_ZONE),
    // Local runner only, never deployed: the home page, digest previews and the "send now" button.
    ...home.homeRoutes({ ...o, widgetVersion: widget.widgetVersions().js }),
  };
  const routes: LocalRoute[] = Object.entries(table).map(([key, handler]) => ({ key, handler, iam: false }));
  for (const key of ADMIN_ROUTE_KEYS) routes.push({ key, handler: admin.handler as unknown as HttpHandler, iam: true });
  return routes;
}
