import * as z from 'zod/mini';
import type { AdminDeps } from '../../app/admin-deps.ts';
import { editionStatus, planSend, previewDigest, startSend } from '../../app/editions.ts';
import { holdEdition, releaseEdition } from '../../app/hold.ts';
import { readerStats } from '../../app/stats.ts';
import {
  eraseSubscriber,
  exportSubscriber,
  lookupSubscriber,
  type SubscriberDataDeps,
} from '../../app/subscriber-data.ts';
import { sendTestCopies } from '../../app/test-copy.ts';
import { editionAt, isEdition } from '../../core/edition.ts';
import { NotFoundError } from '../../core/errors.ts';
import { LANGUAGES } from '../../core/language.ts';
import { json } from '../http/responses.ts';
import { DESK_ROUTES } from './desk-routes.ts';
import { EDITORIAL_ROUTES } from './editorial-routes.ts';
import { IMPORT_ROUTES } from './import-routes.ts';
import { MAX_FILE_CHARS } from './limits.ts';
import type { AdminRouteKey } from './route-keys.ts';
import { type AdminRoute, adminRoute } from './router.ts';

const dataDeps = (deps: AdminDeps): SubscriberDataDeps => ({
  store: deps.subscribers,
  cipher: deps.cipher,
  deliveries: deps.deliveries,
  feedback: deps.feedback,
  welcomes: deps.welcomes,
  mailboxes: deps.mailboxes,
  idKey: deps.idKey,
  now: deps.now,
  weeks: deps.weeks,
  timeZone: deps.timeZone,
  erasures: deps.erasures,
  imports: deps.imports.ledger,
});

const backfillBody = z.optional(z.object({ after: z.optional(z.string().check(z.regex(/^[\w-]{1,2048}$/))) }));
const address = z.string().check(z.minLength(3), z.maxLength(320));
const importBody = z.object({
  files: z
    .array(
      z.object({
        name: z.string().check(z.minLength(1), z.maxLength(300)),
        content: z.string().check(z.maxLength(MAX_FILE_CHARS)),
      }),
    )
    .check(z.minLength(1), z.maxLength(200)),
});
const testBody = z.object({
  to: z.array(address).check(z.minLength(1), z.maxLength(10)),
  language: z.optional(z.enum(LANGUAGES)),
});
const sendBody = z.optional(
  z.object({
    dryRun: z.optional(z.boolean()),
    confirm: z.optional(z.string().check(z.refine(isEdition, 'must be an ISO week like 2026-W48'))),
  }),
);
const readerBody = z.object({ email: address });
const editionBody = z.optional(
  z.object({ edition: z.optional(z.string().check(z.refine(isEdition, 'must be an ISO week like 2026-W48'))) }),
);

const PREVIEW_TYPES = ['text/html', 'text/plain', 'application/json'] as const;

function previewType(accept: string): (typeof PREVIEW_TYPES)[number] | undefined {
  if (accept === '' || /\*\/\*|text\/\*/.test(accept)) return 'text/html';
  return PREVIEW_TYPES.find((t) => accept.includes(t));
}

/** The editors' API, one entry per route (adding a route: one key in route-keys.ts and one entry here). */
export const ADMIN_ROUTES: Record<AdminRouteKey, AdminRoute<AdminDeps>> = {
  ...EDITORIAL_ROUTES,
  ...IMPORT_ROUTES,
  ...DESK_ROUTES,
  'PUT /admin/commentaries': adminRoute({
    body: importBody,
    async run(deps, { body }) {
      const files = body.files.map((f) => ({ path: f.name, text: f.content }));
      // Loaded on first use: the Markdown and YAML parsers are a fifth of the bundle and only imports need them.
      const { importCommentaries } = await import('../../app/import-commentaries.ts');
      const guard = { sends: deps.sends, timeZone: deps.timeZone, now: deps.now };
      return json(200, { results: (await importCommentaries(deps.commentaries, files, deps.settings, guard)).files });
    },
  }),
  'GET /admin/editions/{edition}': adminRoute({
    run: async (deps, { edition }) => json(200, await editionStatus(deps, edition)),
  }),
  'GET /admin/editions/{edition}/preview/{language}': adminRoute({
    async run(deps, { edition, language, accept }) {
      const type = previewType(accept);
      if (!type) return json(406, { error: { code: 'not_acceptable', message: `accept ${PREVIEW_TYPES.join(', ')}` } });
      const mail = await previewDigest(deps, edition, language);
      if (type === 'application/json') return json(200, mail);
      const body = type === 'text/html' ? mail.html : `Subject: ${mail.subject}\n\n${mail.text}`;
      return {
        statusCode: 200,
        headers: { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' },
        body,
      };
    },
  }),
  'POST /admin/editions/{edition}/test': adminRoute({
    body: testBody,
    run: async (deps, { edition, body }) => json(200, await sendTestCopies(deps, edition, body.to, body.language)),
  }),
  'POST /admin/editions/{edition}/send': adminRoute({
    body: sendBody,
    async run(deps, { edition, body }) {
      if (body?.dryRun) return json(200, { dryRun: true, ...(await planSend(deps, edition)) });
      const current = editionAt(deps.now(), deps.timeZone);
      return json(202, await startSend(deps, edition, { current, confirm: body?.confirm }));
    },
  }),
  'PUT /admin/editions/{edition}/hold': adminRoute({
    run: async (deps, { edition, caller }) => json(200, { edition, ...(await holdEdition(deps, edition, caller)) }),
  }),
  'DELETE /admin/editions/{edition}/hold': adminRoute({
    run: async (deps, { edition }) => json(200, { edition, ...(await releaseEdition(deps, edition)) }),
  }),
  // The data requests' role (SubscriberDataPolicyArn): one reader at a time, by the address in the body.
  'POST /admin/subscribers/lookup': adminRoute({
    body: readerBody,
    async run(deps, { body }) {
      const found = await lookupSubscriber(dataDeps(deps), body.email);
      if (!found) throw new NotFoundError('unknown_subscriber', 'no data is held for that address');
      return json(200, found);
    },
  }),
  'POST /admin/subscribers/export': adminRoute({
    body: readerBody,
    async run(deps, { body }) {
      const data = await exportSubscriber(dataDeps(deps), body.email);
      if (!data) throw new NotFoundError('unknown_subscriber', 'no data is held for that address');
      return json(200, data);
    },
  }),
  'POST /admin/subscribers/erase': adminRoute({
    body: readerBody,
    run: async (deps, { body }) => json(200, { erased: await eraseSubscriber(dataDeps(deps), body.email) }),
  }),
  'GET /admin/stats': adminRoute({
    run: async (deps) => json(200, await readerStats(deps)),
  }),
  // One step of the one-off count of readers stored before the counters (the CLI's `stats backfill` loops on `next`).
  'POST /admin/stats/backfill': adminRoute({
    body: backfillBody,
    run: async (deps, { body }) => json(200, await deps.backfill.backfillCounts(body?.after)),
  }),
  'POST /admin/feeds/pull': adminRoute({
    body: editionBody,
    async run(deps, { body }) {
      // Loaded on first use: the feed and HTML parsers stay out of every other route's cold start.
      const { pullFeeds } = await import('../../app/pull-feeds.ts');
      return json(200, await pullFeeds(deps.pull, body?.edition ? { edition: body.edition } : {}));
    },
  }),
  'POST /admin/prepare': adminRoute({
    body: editionBody,
    async run(deps, { body }) {
      const { prepare } = await import('../../app/prepare.ts');
      return json(200, await prepare(deps.prepare, body?.edition ? { edition: body.edition } : {}));
    },
  }),
};
