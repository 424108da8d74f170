import { createHash } from 'node:crypto';
import { ConflictError, InvalidInputError } from '../../core/errors.ts';
import { csvRecords } from '../../core/import/csv-records.ts';
import { detectFormat, type ImportOptions, importRows } from '../../core/import/index.ts';
import { headerRecord, lineBreaks, splitRecords } from '../../core/import-chunks.ts';
import { IMPORT_CHUNK_BYTES } from '../../core/import-outcome.ts';
import type { SealedAddress } from '../../core/sealed-address.ts';
import type { AddressCipher } from '../ports/address-cipher.ts';
import type { ImportFile, ImportProgress } from '../ports/import-ledger.ts';
import { applyRows, type ImportListDeps } from './apply-rows.ts';
import { progressFor, runOf } from './import-list.ts';
import type { RepermissionDeps } from './repermission.ts';
import type { ImportRow } from './row.ts';
import { SeenReaders } from './seen-readers.ts';

/** The largest chunk (decoded bytes) a request carries. */
export const MAX_CHUNK_BYTES = IMPORT_CHUNK_BYTES;
/** The longest record carried from one chunk to the next (the parser's own limit). */
const MAX_TAIL_BYTES = 64 * 1024;

/** Dependencies of a chunk: the import's, a cipher that also opens (the carried tail), a budget per request. */
export interface ImportChunkDeps extends ImportListDeps {
  readonly cipher: Pick<AddressCipher, 'seal' | 'open'>;
  /** Rows one request applies at most; the client sends the same chunk again for the rest. */
  readonly rowsPerRequest: number;
  /** Time one request spends on rows at most (API Gateway answers 504 after 29 s). */
  readonly msPerRequest: number;
  /** The re-permission e-mails each request sends after its rows (at most REPERMISSION_MAILS_PER_REQUEST). */
  readonly step: RepermissionDeps;
}

/** Re-permission e-mails one import request sends at most (paced: a few seconds of the request's 29). */
export const REPERMISSION_MAILS_PER_REQUEST = 50;

/** One chunk of an upload, as the route checked it. */
export interface ImportChunk {
  readonly file: ImportFile;
  readonly options: Omit<ImportOptions, 'fileName'> & { readonly updateLanguage?: boolean; readonly dryRun?: boolean };
  readonly index: number;
  readonly count: number;
  readonly data: Uint8Array;
  readonly by: string;
  /** A dry run's state between its chunks, as the previous answer gave it (sealed; nothing is stored). */
  readonly carry?: string;
}

/** What a chunk request answers: the progress, and for a dry run the state to send with the next chunk. */
export interface ChunkAnswer {
  readonly progress: ImportProgress;
  /** True when the chunk's rows were not all applied in this request: send the same chunk again. */
  readonly again: boolean;
  readonly carry?: string;
}

const box = (id: string, dry: boolean) => `import${dry ? '-dry' : ''}:${id}`;
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function unseal(deps: ImportChunkDeps, sealed: string | undefined, id: string): Buffer {
  return sealed ? Buffer.from(deps.cipher.open(sealed as SealedAddress, box(id, false)), 'base64') : Buffer.alloc(0);
}

async function* once(...parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) if (part.length) yield part;
}

/** The format the header is, or the one the options name; 400 when neither. */
async function formatOf(header: Uint8Array, chunk: ImportChunk): Promise<string> {
  if (chunk.options.format) return chunk.options.format;
  for await (const record of csvRecords(once(header), chunk.options.encoding ?? 'utf-8')) {
    const format = detectFormat(record.fields);
    if (format) return format;
    break;
  }
  throw new InvalidInputError('import_format', 'line 1: no known export has this header; name the format');
}

/** The stored (or, for a dry run, carried) progress this chunk continues; 409 when it does not fit. */
async function progressOf(
  deps: ImportChunkDeps,
  chunk: ImportChunk,
  format: string,
  prior: ImportProgress | undefined,
): Promise<ImportProgress> {
  const { updateLanguage: _u, dryRun, ...options } = chunk.options;
  const req = { file: chunk.file, format, options, by: chunk.by, chunkCount: chunk.count, dryRun: dryRun === true };
  const progress = dryRun && prior ? prior : await progressFor(deps, req);
  if (progress.chunkCount !== chunk.count)
    throw new ConflictError('import_chunks_differ', `this import comes in ${progress.chunkCount} chunks`);
  if (!progress.done && chunk.index > progress.chunksDone)
    throw new ConflictError('chunk_out_of_order', `send chunk ${progress.chunksDone} first`);
  return progress;
}

/**
 * Applies one chunk of an upload: the whole records of the carried tail and this chunk (header first), within the
 * request's budget; the partial record at its end is sealed into the progress for the next chunk. A chunk applied
 * already, or any chunk of a finished import, answers the progress and writes nothing. A dry run stores nothing:
 * its state travels sealed in the answer (`carry`) and comes back with the next chunk.
 */
export async function importChunk(deps: ImportChunkDeps, chunk: ImportChunk): Promise<ChunkAnswer> {
  const id = chunk.file.sha256;
  const dry = chunk.options.dryRun === true;
  if (chunk.count === 1 && createHash('sha256').update(chunk.data).digest('hex') !== id)
    throw new InvalidInputError('sha256_mismatch', "file.sha256 is not the file's sha-256");
  const dryState = dry ? carried(deps, chunk) : undefined;
  const prior = dry ? dryState?.progress : await deps.ledger.progress(id);
  if (!dry && prior && (prior.done || chunk.index < prior.chunksDone)) return { progress: prior, again: false };
  const first = chunk.index === 0;
  const header = first ? headerRecord(chunk.data) : unseal(deps, prior?.header, id);
  if (first && !header && chunk.count > 1)
    throw new InvalidInputError('import_header', 'the first chunk must hold the whole header');
  const format = first ? await formatOf(header ?? chunk.data, chunk) : prior?.format;
  if (!format) throw new ConflictError('chunk_out_of_order', 'send chunk 0 first');
  const progress = await progressOf(deps, chunk, format, prior);
  if (progress.done || chunk.index < progress.chunksDone) return { progress, again: false };
  const bytes = Buffer.concat([unseal(deps, progress.tail, id), chunk.data]);
  const last = chunk.index === chunk.count - 1;
  const { whole, rest } = last ? { whole: bytes, rest: new Uint8Array() } : splitRecords(bytes);
  if (rest.length > MAX_TAIL_BYTES)
    throw new InvalidInputError('record_too_large', `a record after line ${progress.linesBefore ?? 0} is over 64 KiB`);
  const { updateLanguage, dryRun: _d, ...parse } = chunk.options;
  const options: ImportOptions = { ...parse, format: format as ImportOptions['format'], fileName: chunk.file.name };
  const head = header ?? new Uint8Array();
  const shift = first ? 0 : (progress.linesBefore ?? 0) - lineBreaks(head);
  const rows = numbered(importRows(first ? once(whole) : once(head, whole), options), shift);
  const started = deps.now();
  let applied = 0;
  const stop = () => applied++ >= deps.rowsPerRequest || deps.now() - started >= deps.msPerRequest;
  const seen = dry ? SeenReaders.unpack(dryState?.seen) : undefined;
  const run = { ...runOf({ updateLanguage, dryRun: dry }, progress), ...(seen ? { seen } : {}) };
  const out = await applyRows(deps, run, progress, rows, stop);
  const { tail: _t, ...after } = out.progress;
  const next: ImportProgress = out.complete
    ? {
        ...after,
        chunksDone: chunk.index + 1,
        linesBefore: (progress.linesBefore ?? 0) + lineBreaks(whole),
        done: last,
        ...(rest.length ? { tail: deps.cipher.seal(b64(rest), box(id, false)) } : {}),
        ...(first && header ? { header: deps.cipher.seal(b64(header), box(id, false)) } : {}),
      }
    : out.progress;
  if (!dry) return { progress: await deps.ledger.saveProgress(next), again: !out.complete };
  const carry = deps.cipher.seal(JSON.stringify({ progress: next, seen: seen?.pack() }), box(id, true));
  return { progress: next, again: !out.complete, carry };
}

/** A dry run's state as its previous chunk's answer carried it (none for its first chunk): progress, readers seen. */
function carried(deps: ImportChunkDeps, chunk: ImportChunk): { progress: ImportProgress; seen?: string } | undefined {
  if (!chunk.carry) return undefined;
  return JSON.parse(deps.cipher.open(chunk.carry as SealedAddress, box(chunk.file.sha256, true)));
}

/** The rows with the file's own line numbers (a later chunk is read after the header: its lines shift). */
async function* numbered(rows: AsyncIterable<ImportRow>, shift: number): AsyncGenerator<ImportRow> {
  for await (const row of rows) yield { ...row, line: row.line + shift };
}
