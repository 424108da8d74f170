import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { type HttpEntry, ROUTES } from '../infra/routes.ts';

/** An HTTP function as API Gateway calls it. */
export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** The local runner's route table: the deployed API's routes, and the runner's own pages (never deployed). */
export interface LocalRoutes {
  readonly api: Readonly<Record<string, HttpHandler>>;
  readonly local: Readonly<Record<string, HttpHandler>>;
}

/**
 * Loads the API's routes from the table the stack deploys (`infra/routes.ts`), each to the same handler module as
 * on Lambda, plus the home page, digest previews and the "send now" button of the local runner.
 */
export async function loadRoutes(env: Record<string, string>, sesUrl: string): Promise<LocalRoutes> {
  const entries = Object.entries(ROUTES) as [HttpEntry, readonly string[]][];
  const modules = await Promise.all(
    entries.map(async ([entry]) => (await import(`../functions/handlers/${entry}.ts`)) as { handler: HttpHandler }),
  );
  const api: Record<string, HttpHandler> = {};
  entries.forEach(([, routes], i) => {
    for (const route of routes) api[route] = modules[i]?.handler as HttpHandler;
  });
  const [home, widget] = await Promise.all([import('./home.ts'), import('../functions/handlers/widget.ts')]);
  return { api, local: home.homeRoutes({ env, sesUrl, widgetVersion: widget.widgetVersions().js }) };
}
