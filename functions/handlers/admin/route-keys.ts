/**
 * Who may call an admin route: the editors (content, sends, reports, stats) or the person who answers readers' data
 * requests (one reader at a time: lookup with a masked address, export, erase; and list imports). Each role is one managed policy.
 */
export type AdminRole = 'editors' | 'subscriber-data';

/**
 * The admin API: every route under `/admin/`, served by the admin function behind IAM, with the role that may call
 * it. The stack (both managed policies) and the local runner read this table; a new route must name its role.
 * functions/handlers/admin/routes.ts must implement each key (the compiler checks both ways).
 */
export const ADMIN_ROUTE_ROLES = {
  'PUT /admin/commentaries': 'editors',
  'GET /admin/editions/{edition}': 'editors',
  'GET /admin/editions/{edition}/preview/{language}': 'editors',
  'POST /admin/editions/{edition}/test': 'editors',
  'POST /admin/editions/{edition}/send': 'editors',
  'PUT /admin/editions/{edition}/hold': 'editors',
  'DELETE /admin/editions/{edition}/hold': 'editors',
  'POST /admin/subscribers/lookup': 'subscriber-data',
  'POST /admin/subscribers/export': 'subscriber-data',
  'POST /admin/subscribers/erase': 'subscriber-data',
  'POST /admin/subscribers/imports': 'subscriber-data',
  'GET /admin/subscribers/imports/{id}': 'subscriber-data',
  'GET /admin/stats': 'editors',
  'POST /admin/stats/backfill': 'editors',
  'POST /admin/feeds/pull': 'editors',
  'POST /admin/prepare': 'editors',
  'PUT /admin/editions/{edition}/order': 'editors',
  'PUT /admin/editions/{edition}/note/{language}': 'editors',
  'DELETE /admin/editions/{edition}/note/{language}': 'editors',
  'DELETE /admin/editions/{edition}/commentaries/{language}/{key}': 'editors',
  'POST /admin/editions/{edition}/commentaries/{language}/{key}/restore': 'editors',
  'GET /admin/editions/{edition}/week': 'editors',
  'GET /admin/editions': 'editors',
  'GET /admin/feeds': 'editors',
  'GET /admin/settings': 'editors',
} as const satisfies Record<`${'GET' | 'PUT' | 'POST' | 'DELETE'} /admin/${string}`, AdminRole>;

/** One admin route, e.g. `GET /admin/editions/{edition}`. */
export type AdminRouteKey = keyof typeof ADMIN_ROUTE_ROLES;

/** Every admin route. */
export const ADMIN_ROUTE_KEYS = Object.keys(ADMIN_ROUTE_ROLES) as AdminRouteKey[];
