import * as z from 'zod/mini';
import type { EditorialDeps } from '../../app/editorial.ts';
import { setNote, setOrder, setRemoved } from '../../app/editorial.ts';
import { MAX_NOTE_CHARS } from '../../core/editorial.ts';
import { json } from '../http/responses.ts';
import type { AdminRouteKey } from './route-keys.ts';
import { type AdminRoute, adminRoute } from './router.ts';

const KEY = /^[a-z0-9-]{1,200}$/;
const orderBody = z.object({
  order: z
    .array(z.string().check(z.regex(KEY, 'a commentary key (its slug, or the key the import answered)')))
    .check(z.maxLength(200)),
});
const noteBody = z.object({ text: z.string().check(z.minLength(1), z.maxLength(MAX_NOTE_CHARS)) });

type EditorialKey =
  | 'PUT /admin/editions/{edition}/order'
  | 'PUT /admin/editions/{edition}/note/{language}'
  | 'DELETE /admin/editions/{edition}/note/{language}'
  | 'DELETE /admin/editions/{edition}/commentaries/{language}/{key}'
  | 'POST /admin/editions/{edition}/commentaries/{language}/{key}/restore';

/** The editorial routes: order, the editor's note, remove and restore (all refused with 409 once the send started). */
export const EDITORIAL_ROUTES: Record<EditorialKey & AdminRouteKey, AdminRoute<EditorialDeps>> = {
  'PUT /admin/editions/{edition}/order': adminRoute({
    body: orderBody,
    run: async (deps, { edition, body }) => json(200, await setOrder(deps, edition, body.order)),
  }),
  'PUT /admin/editions/{edition}/note/{language}': adminRoute({
    body: noteBody,
    run: async (deps, { edition, language, body }) => json(200, await setNote(deps, edition, language, body.text)),
  }),
  'DELETE /admin/editions/{edition}/note/{language}': adminRoute({
    run: async (deps, { edition, language }) => json(200, await setNote(deps, edition, language, undefined)),
  }),
  'DELETE /admin/editions/{edition}/commentaries/{language}/{key}': adminRoute({
    run: async (deps, { edition, language, key }) => json(200, await setRemoved(deps, edition, language, key, true)),
  }),
  'POST /admin/editions/{edition}/commentaries/{language}/{key}/restore': adminRoute({
    run: async (deps, { edition, language, key }) => json(200, await setRemoved(deps, edition, language, key, false)),
  }),
};
