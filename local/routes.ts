import { DEFAULT_TIME_ZONE } from '../functions/core/edition.ts';
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
 * The API's routes, taken from the table the stack deploys (`infra/routes.ts`: keys and authorization), each to the
 * same handler module as on Lambda; plus the local runner's own pages (never deployed).
 */
export async function loadRoutes(o: RouteOptions): Promise<LocalRoute[]> {
  const entries = Object.entries(ROUTES) as [HttpEntry, (typeof ROUTES)[HttpEntry]][];
  const modules = await Promise.all(
    entries.map(async ([entry]) => (await import(`../functions/handlers/${entry}.ts`)) as { handler: HttpHandler }),
  );
  const routes: LocalRoute[] = entries.flatMap(([, spec], i) =>
    spec.routes.map((key) => ({
      key,
      handler: modules[i]?.handler as HttpHandler,
      iam: 'authorization' in spec && spec.authorization === 'iam',
      deployed: true,
    })),
  );
  const [widget, home, samples] = await Promise.all([
    import('../functions/handlers/widget.ts'),
    import('./home.ts'),
    import('./sample-feeds.ts'),
  ]);
  const pages = {
    // A sample feed per language for trying out FEEDS (README, "Feeds").
    ...samples.sampleFeedRoutes(o.env.TIMEZONE ?? DEFAULT_TIME_ZONE),
    // The home page, digest previews and the "send now" button.
    ...home.homeRoutes({ ...o, widgetVersion: widget.widgetVersions().js }),
  };
  for (const [key, handler] of Object.entries(pages)) routes.push({ key, handler, iam: false, deployed: false });
  return routes;
}
