import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** What row i of the generated file should become (the import's outcomes; a problem stores nothing). */
export type RowKind = 'confirmed' | 'suppressed' | 'repermission' | 'problem';

/** A generic CSV (issue 24's column names), about 110 bytes a row, as an outlet's spreadsheet export looks. */
export const HEADER = 'email,first_name,last_name,language,status,confirmed_at,notes\n';
const LANGS = ['en', 'be', 'ru'] as const;

/**
 * Row i's outcome: 1 in 1,000 an invalid address, else 94 in 100 confirmed (a confirm time), 5 in 100 unsubscribed or
 * cleaned (suppressed), 1 in 100 without evidence (a re-permission request: scheduled, mailed within the requests).
 */
export function rowKind(i: number): RowKind {
  if (i % 1000 === 500) return 'problem';
  const r = i % 100;
  if (r < 94) return 'confirmed';
  return r < 99 ? 'suppressed' : 'repermission';
}

/** Row i's language (suppressed rows have none to count). */
export const rowLanguage = (i: number): string => LANGS[i % 3] as string;

/** Row i's address in run `tag` (every run imports addresses never seen before). */
export const rowAddress = (tag: string, i: number) => `reader${i}.${tag}@example.org`;

function line(tag: string, i: number): string {
  const kind = rowKind(i);
  const email = kind === 'problem' ? `reader${i}.${tag}.example.org` : rowAddress(tag, i);
  const status =
    kind === 'suppressed' ? (i % 2 ? 'unsubscribed' : 'cleaned') : kind === 'confirmed' ? 'subscribed' : '';
  const time = kind === 'confirmed' ? '2021-03-01 09:15:00' : '';
  const note = i % 50 === 0 ? '"met at the fair,\nthen wrote"' : 'newsletter';
  return `${email},Reader,"Surname, ${i}",${rowLanguage(i)},${status},${time},${note}\n`;
}

/** The file as written: its sha-256, size, and for each chunk of `chunkBytes` the rows whose record ends in it. */
export interface GeneratedFile {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  /** Row index ranges [from, to) applied by each chunk's requests (a record cut by a chunk's end goes with the next). */
  readonly chunkRows: readonly { from: number; to: number }[];
}

/** Writes `rows` rows to `path`, a 64 KB piece at a time (never whole in memory). */
export async function writeFile(path: string, tag: string, rows: number, chunkBytes: number): Promise<GeneratedFile> {
  const out = createWriteStream(path);
  const hash = createHash('sha256');
  const ends: number[] = [];
  let size = 0;
  let parts: string[] = [];
  let pending = 0;
  const put = async (text: string) => {
    parts.push(text);
    pending += text.length;
    if (pending < 1 << 16) return;
    await flush();
  };
  const flush = async () => {
    const piece = Buffer.from(parts.join(''));
    hash.update(piece);
    parts = [];
    pending = 0;
    if (!out.write(piece)) await once(out, 'drain');
  };
  size += Buffer.byteLength(HEADER);
  await put(HEADER);
  for (let i = 0; i < rows; i++) {
    const text = line(tag, i);
    size += Buffer.byteLength(text);
    ends.push(size);
    await put(text);
  }
  await flush();
  out.end();
  await once(out, 'finish');
  const count = Math.ceil(size / chunkBytes);
  const chunkRows = Array.from({ length: count }, () => ({ from: 0, to: 0 }));
  let row = 0;
  for (let k = 0; k < count; k++) {
    const from = row;
    const limit = k === count - 1 ? Number.POSITIVE_INFINITY : (k + 1) * chunkBytes;
    while (row < rows && (ends[row] as number) <= limit) row++;
    chunkRows[k] = { from, to: row };
  }
  return { path, sha256: hash.digest('hex'), size, chunkRows };
}

/** The outcomes the import should report for rows [0, rows): per outcome, per language (as the API's tally). */
export function expectedOutcomes(rows: number): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (let i = 0; i < rows; i++) {
    const kind = rowKind(i);
    const lang = kind === 'problem' || kind === 'suppressed' ? 'none' : rowLanguage(i);
    const cell = out[kind] ?? {};
    cell[lang] = (cell[lang] ?? 0) + 1;
    out[kind] = cell;
  }
  return out;
}
