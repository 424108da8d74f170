import type { AdminDeps } from '../../app/admin-deps.ts';
import { editionWeek } from '../../app/week.ts';
import { json } from '../http/responses.ts';
import type { AdminRouteKey } from './route-keys.ts';
import { type AdminRoute, adminRoute } from './router.ts';

type DeskKey = 'GET /admin/editions/{edition}/week';

/** The routes the editors' desk reads its pages from (all read-only, role `editors`). */
export const DESK_ROUTES: Record<DeskKey & AdminRouteKey, AdminRoute<AdminDeps>> = {
  'GET /admin/editions/{edition}/week': adminRoute({
    run: async (deps, { edition }) => json(200, await editionWeek(deps, edition)),
  }),
};
