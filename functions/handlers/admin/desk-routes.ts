import type { AdminDeps } from '../../app/admin-deps.ts';
import { feedsView, settingsView } from '../../app/desk-views.ts';
import { listEditions } from '../../app/edition-list.ts';
import { editionWeek } from '../../app/week.ts';
import { json } from '../http/responses.ts';
import type { AdminRouteKey } from './route-keys.ts';
import { type AdminRoute, adminRoute } from './router.ts';

type DeskKey =
  | 'GET /admin/editions/{edition}/week'
  | 'GET /admin/editions'
  | 'GET /admin/feeds'
  | 'GET /admin/settings';

/** The routes the editors' desk reads its pages from (all read-only, role `editors`). */
export const DESK_ROUTES: Record<DeskKey & AdminRouteKey, AdminRoute<AdminDeps>> = {
  'GET /admin/editions': adminRoute({
    run: async (deps) => json(200, await listEditions(deps)),
  }),
  'GET /admin/editions/{edition}/week': adminRoute({
    run: async (deps, { edition }) => json(200, await editionWeek(deps, edition)),
  }),
  'GET /admin/feeds': adminRoute({
    run: async (deps) => json(200, await feedsView(deps.pull)),
  }),
  'GET /admin/settings': adminRoute({
    async run(deps) {
      const { feeds } = deps.pull;
      return json(200, await settingsView({ ...deps, feeds, editors: deps.prepare.editors, from: deps.from }));
    },
  }),
};
