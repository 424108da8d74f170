/**
 * The editors' API: every route under `/admin/`, served by the admin function behind IAM.
 * The stack, its editors' policy and the local runner read this list; functions/handlers/admin/routes.ts must
 * implement each key (the compiler checks both ways).
 */
export const ADMIN_ROUTE_KEYS = [
  'PUT /admin/commentaries',
  'GET /admin/editions/{edition}',
  'GET /admin/editions/{edition}/preview/{language}',
  'POST /admin/editions/{edition}/test',
  'POST /admin/editions/{edition}/send',
  'PUT /admin/editions/{edition}/hold',
  'DELETE /admin/editions/{edition}/hold',
  'POST /admin/subscribers/export',
  'POST /admin/subscribers/erase',
  'GET /admin/stats',
  'POST /admin/stats/backfill',
  'POST /admin/feeds/pull',
  'POST /admin/prepare',
  'PUT /admin/editions/{edition}/order',
  'PUT /admin/editions/{edition}/note/{language}',
  'DELETE /admin/editions/{edition}/note/{language}',
  'DELETE /admin/editions/{edition}/commentaries/{language}/{key}',
  'POST /admin/editions/{edition}/commentaries/{language}/{key}/restore',
] as const;

/** One admin route, e.g. `GET /admin/editions/{edition}`. */
export type AdminRouteKey = (typeof ADMIN_ROUTE_KEYS)[number];
