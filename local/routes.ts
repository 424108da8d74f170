import { ADMIN_ROUTE_KEYS } from '../functions/handlers/admin/route-keys.ts';
import { type HttpEntry, ROUTES } from '../infra/routes.ts';
import type { LocalSendResult } from './dispatcher.ts';
import type { HttpHandler, LocalRoute } from './routing.ts';

/** What the local-only pages need besides the handlers. */
export interface RouteOptions {
  readonly env: Record<string, string>;
  readonly sesUrl: string;
  readonly dispatch: (input?: { edition?: string }) => Promise<LocalSendResult>;
}

/**
 * The API's routes, taken from the table the stack deploys (`infra/routes.ts`, the editors' `ADMIN_ROUTE_KEYS`),
 * each to the same handler module as on Lambda; plus the local runner's own pages (never deployed).
 */
export async function loadRoutes(o: RouteOptions): Promise<LocalRoute[]> {
  const entries = Object.entries(ROUTES) as [HttpEntry, readonly string[]][];
  const modules = await Promise.all(
    entries.map(async ([entry]) => (await import(`../functions/handlers/${entry}.ts`)) as { handler: HttpHandler }),
  );
  const routes: LocalRoute[] = entries.flatMap(([, keys], i) =>
    keys.map((key) => ({ key, handler: modules[i]?.handler as HttpHandler, iam: false, deployed: true })),
  );
  const [admin, widget, home] = await Promise.all([
    import('../functions/handlers/admin.ts'),
    import('../functions/handlers/widget.ts'),
    import('./home.ts'),
  ]);
  for (const key of ADMIN_ROUTE_KEYS)
    routes.push({ key, handler: admin.handler as unknown as HttpHandler, iam: true, deployed: true });
  const pages = home.homeRoutes({ ...o, widgetVersion: widget.widgetVersions().js });
  for (const [key, handler] of Object.entries(pages)) routes.push({ key, handler, iam: false, deployed: false });
  return routes;
}
