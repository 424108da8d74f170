import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { InvalidInputError } from '../functions/core/errors.ts';
import {
  IMPORT_ENCODINGS,
  IMPORT_FORMATS,
  type ImportFormat,
  type ImportOptions,
  importOptionsSchema,
  importRows,
  MAPPED_FIELDS,
} from '../functions/core/import/index.ts';
import { countRow, type ImportOutcome, type ImportTally } from '../functions/core/import-outcome.ts';
import { type AdminApi, CliError } from './api-client.ts';
import type { CliIo } from './cli.ts';
import { rowsOfAnswer, uploadFile } from './cli-import-upload.ts';
import { count } from './plural.ts';

/** The import's own flags, for parseArgs (`--dry-run` and `--language` are the CLI's). */
export const IMPORT_FLAGS = {
  format: { type: 'string' },
  map: { type: 'string' },
  encoding: { type: 'string' },
  'update-language': { type: 'boolean' },
  local: { type: 'boolean' },
} as const;

/** The import's flags as parseArgs gives them. */
export interface ImportFlags {
  readonly local?: boolean | undefined;
  readonly format?: string | undefined;
  readonly language?: string | undefined;
  readonly encoding?: string | undefined;
  readonly map?: string | undefined;
  readonly 'update-language'?: boolean | undefined;
  readonly 'dry-run'?: boolean | undefined;
}

/** `email=E-mail,confirmed_at=Signed up` as a map; a column name may hold spaces but no comma. */
export function parseMap(text: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    const field = pair.slice(0, eq).trim();
    const name = pair.slice(eq + 1).trim();
    if (eq < 0 || !field || !name) throw new CliError(`--map takes field=Column pairs joined by commas, not "${pair}"`);
    if (!(MAPPED_FIELDS as readonly string[]).includes(field))
      throw new CliError(`--map: ${field} is not one of ${MAPPED_FIELDS.join(', ')}`);
    if (field in map) throw new CliError(`--map names ${field} twice`);
    map[field] = name;
  }
  return map;
}

/** The options of one file, checked as the API checks them; a bad flag is one clear line. */
export function importOptionsOf(path: string, flags: ImportFlags): ImportOptions {
  if (flags.format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(flags.format))
    throw new CliError(`--format must be one of ${IMPORT_FORMATS.join(', ')}, not ${flags.format}`);
  if (flags.encoding !== undefined && !(IMPORT_ENCODINGS as readonly string[]).includes(flags.encoding))
    throw new CliError(`--encoding must be ${IMPORT_ENCODINGS.join(' or ')}, not ${flags.encoding}`);
  const parsed = importOptionsSchema.safeParse({
    fileName: basename(path),
    ...(flags.format ? { format: flags.format } : {}),
    ...(flags.language ? { language: flags.language } : {}),
    ...(flags.encoding ? { encoding: flags.encoding } : {}),
    ...(flags.map ? { map: parseMap(flags.map) } : {}),
  });
  if (!parsed.success) throw new CliError(`${path}: ${parsed.error.issues[0]?.message ?? 'invalid options'}`);
  return parsed.data;
}

/** A progress bar: `[########------------]  40%  1,234 rows`. */
export function progressBar(done: number, total: number, rows: number, width = 20): string {
  const share = total > 0 ? Math.min(done / total, 1) : 1;
  const filled = Math.round(share * width);
  const pct = `${Math.floor(share * 100)}%`.padStart(4);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${pct}  ${count(rows, 'row')}`;
}

const LABELS: Record<ImportOutcome, string> = {
  confirmed: 'confirmed readers',
  alreadyConfirmed: 'confirmed here already (kept)',
  suppressed: 'suppressed (never mailed)',
  repermission: 're-permission e-mails',
  kept: 'known here in another state (kept)',
  problem: 'problems (not imported)',
};

/** A tally as lines, one per outcome: `  confirmed readers: be 3, en 1`. */
export function tallyLines(tally: ImportTally): string[] {
  const lines: string[] = [];
  for (const [outcome, label] of Object.entries(LABELS) as [ImportOutcome, string][]) {
    const cell = tally[outcome];
    if (!cell) continue;
    const parts = Object.entries(cell)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, n]) => (key === 'none' ? `${n}` : `${key} ${n}`));
    lines.push(`  ${label}: ${parts.join(', ')}`);
  }
  return lines;
}

/** Problems printed for a file before the rest are only counted. */
const PROBLEMS_SHOWN = 20;

/** What the file says, read here without the API: rows per outcome and language, and the problems by line. */
export async function dryRunFile(path: string, options: ImportOptions, io: CliIo): Promise<ImportTally> {
  const size = statSync(path).size;
  let read = 0;
  async function* bytes(): AsyncGenerator<Uint8Array> {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) {
      read += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  }
  const tally: ImportTally = {};
  const problems: string[] = [];
  let rows = 0;
  let format: ImportFormat | undefined;
  try {
    for await (const row of importRows(bytes(), options, (f) => (format = f))) {
      rows++;
      if (rows % 1000 === 0) io.progress?.(progressBar(read, size, rows));
      if (row.kind === 'problem') {
        countRow(tally, 'problem');
        if (problems.length < PROBLEMS_SHOWN) problems.push(`    line ${row.line}: ${row.reason}`);
        continue;
      }
      countRow(tally, row.kind, row.kind === 'suppressed' ? row.reason : row.language);
    }
  } catch (error) {
    if (error instanceof InvalidInputError) throw new CliError(`${path}: ${error.message}`);
    throw error;
  }
  io.progress?.(progressBar(size, size, rows));
  io.out(`${path} (${format ?? options.format ?? 'unknown format'}): ${count(rows, 'row')}`);
  for (const line of tallyLines(tally)) io.out(line);
  const more = (tally.problem?.none ?? 0) - problems.length;
  for (const line of problems) io.out(line);
  if (more > 0) io.out(`    ... and ${count(more, 'more problem')}`);
  return tally;
}

/** One file through the API: a progress bar on a TTY, then the outcome per outcome and language and the problems. */
async function importFile(api: AdminApi, path: string, options: ImportOptions, flags: ImportFlags, io: CliIo) {
  const answer = await uploadFile(
    api,
    path,
    {
      ...options,
      ...(flags['update-language'] ? { updateLanguage: true } : {}),
      ...(flags['dry-run'] ? { dryRun: true } : {}),
    },
    (a) => io.progress?.(progressBar(a.chunks.done, a.chunks.count, rowsOfAnswer(a))),
  );
  io.out(`${path} (${answer.format}): ${count(rowsOfAnswer(answer), 'row')}${answer.dryRun ? ' (dry run)' : ''}`);
  for (const line of tallyLines(answer.outcomes)) io.out(line);
  for (const p of answer.problems.slice(0, PROBLEMS_SHOWN)) io.out(`    line ${p.line}: ${p.reason}`);
  const more = answer.problemCount - Math.min(answer.problems.length, PROBLEMS_SHOWN);
  if (more > 0) io.out(`    ... and ${count(more, 'more problem')} (GET /admin/subscribers/imports/${answer.id})`);
}

/**
 * `subscribers import FILE...`: each file through the API (chunks of 1 MiB), then its outcome. `--dry-run`: the API
 * decides each row against what is held and writes nothing; with `--local`, the files are read here only (what
 * they say, not what is held), and nothing is sent.
 */
export async function importSubscribers(
  api: AdminApi,
  paths: string[],
  flags: ImportFlags,
  io: CliIo,
): Promise<number> {
  if (paths.length === 0) throw new CliError('subscribers import needs at least one file');
  const files = paths.map((path) => ({ path, options: importOptionsOf(path, flags) }));
  for (const { path } of files) {
    try {
      if (!statSync(path).isFile()) throw new CliError(`${path} is not a file`);
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  if (flags.local) {
    if (!flags['dry-run']) throw new CliError('--local reads the files here only: it goes with --dry-run');
    for (const { path, options } of files) await dryRunFile(path, options, io);
    io.out('dry run: what each file says, read here; nothing was sent or written');
    return 0;
  }
  for (const { path, options } of files) await importFile(api, path, options, flags, io);
  if (flags['dry-run']) io.out('dry run: what would happen to each row; nothing was written');
  return 0;
}
