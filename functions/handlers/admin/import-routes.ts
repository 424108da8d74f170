import * as z from 'zod/mini';
import type { AdminDeps } from '../../app/admin-deps.ts';
import { importChunk, MAX_CHUNK_BYTES, REPERMISSION_MAILS_PER_REQUEST } from '../../app/import-list/import-chunk.ts';
import { repermissionStep } from '../../app/import-list/repermission.ts';
import type { ImportProgress } from '../../app/ports/import-ledger.ts';
import { InvalidInputError, NotFoundError } from '../../core/errors.ts';
import { IMPORT_FORMATS, MAPPED_FIELDS } from '../../core/import/index.ts';
import { IMPORT_ENCODINGS } from '../../core/import/types.ts';
import { LANGUAGES } from '../../core/language.ts';
import { json } from '../http/responses.ts';
import type { AdminRouteKey } from './route-keys.ts';
import { type AdminRoute, adminRoute } from './router.ts';

/** The longest file an import takes (bytes): 10,000 chunks. */
const MAX_FILE_BYTES = 10_000 * MAX_CHUNK_BYTES;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const int = (min: number, max: number) => z.number().check(z.int(), z.gte(min), z.lte(max));

const uploadBody = z.object({
  file: z.object({
    name: z.string().check(z.minLength(1), z.maxLength(255)),
    sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/, "the file's sha-256, 64 lowercase hex digits")),
    size: int(1, MAX_FILE_BYTES),
  }),
  options: z.optional(
    z.object({
      format: z.optional(z.enum(IMPORT_FORMATS)),
      language: z.optional(z.enum(LANGUAGES)),
      encoding: z.optional(z.enum(IMPORT_ENCODINGS)),
      map: z.optional(z.partialRecord(z.enum(MAPPED_FIELDS), z.string().check(z.minLength(1), z.maxLength(200)))),
      updateLanguage: z.optional(z.boolean()),
      dryRun: z.optional(z.boolean()),
    }),
  ),
  chunk: z.object({
    index: int(0, 9_999),
    count: int(1, 10_000),
    data: z.string().check(z.maxLength(Math.ceil(MAX_CHUNK_BYTES / 3) * 4), z.regex(BASE64, 'base64')),
  }),
  // A dry run's state (functions/app/import-list/seen-readers.ts: at most about 3.5 MB).
  carry: z.optional(z.string().check(z.maxLength(4_000_000))),
});

/** What an import's answers show: progress and outcome; never a header, a tail or an address. */
function view(p: ImportProgress, extra: { dryRun?: boolean; again?: boolean; carry?: string } = {}) {
  return {
    id: p.id,
    file: { name: p.file.name, size: p.file.size },
    format: p.format,
    status: p.done ? 'done' : 'running',
    dryRun: extra.dryRun === true,
    chunks: { done: p.chunksDone, count: p.chunkCount },
    ...(p.done ? {} : { next: { chunk: p.chunksDone } }),
    ...(extra.again ? { again: true } : {}),
    lastLine: p.lastLine,
    outcomes: p.tally,
    problemCount: p.problemCount,
    problems: p.problems,
    startedAt: new Date(p.startedAt).toISOString(),
    ...(extra.carry ? { carry: extra.carry } : {}),
  };
}

type ImportKey = 'POST /admin/subscribers/imports' | 'GET /admin/subscribers/imports/{id}';

/** The imports (data role): one chunk of a file per POST (see docs/importing.md), progress and outcome by GET. */
export const IMPORT_ROUTES: Record<ImportKey & AdminRouteKey, AdminRoute<AdminDeps>> = {
  'POST /admin/subscribers/imports': adminRoute({
    body: uploadBody,
    async run(deps, { body, caller }) {
      const { file, chunk, options = {}, carry } = body;
      if (chunk.index >= chunk.count)
        throw new InvalidInputError('invalid_request', 'chunk.index: must be below count');
      const data = Buffer.from(chunk.data, 'base64');
      if (data.length > MAX_CHUNK_BYTES)
        throw new InvalidInputError('chunk_too_large', `chunk.data: at most ${MAX_CHUNK_BYTES} bytes`);
      if (data.length === 0) throw new InvalidInputError('invalid_request', 'chunk.data: empty');
      if (options.dryRun !== true && carry !== undefined)
        throw new InvalidInputError('invalid_request', 'carry: only a dry run sends it');
      const answer = await importChunk(deps.imports, {
        file,
        options,
        index: chunk.index,
        count: chunk.count,
        data,
        by: caller,
        ...(carry ? { carry } : {}),
      });
      // The re-permission e-mails this and earlier chunks asked for, a bounded number per request.
      if (options.dryRun !== true) await repermissionStep(deps.imports.step, REPERMISSION_MAILS_PER_REQUEST);
      const shown = view(answer.progress, { ...answer, dryRun: options.dryRun === true });
      return json(answer.progress.done ? 200 : 202, shown);
    },
  }),
  'GET /admin/subscribers/imports/{id}': adminRoute({
    async run(deps, { id }) {
      const progress = await deps.imports.ledger.progress(id);
      if (!progress) throw new NotFoundError('unknown_import', 'no import of that file');
      return json(200, view(progress));
    },
  }),
};
