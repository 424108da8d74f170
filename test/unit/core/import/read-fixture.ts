import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importRows } from '../../../../functions/core/import/index.ts';
import type { ImportOptions, ImportRow } from '../../../../functions/core/import/types.ts';

export const FIXTURES = join(import.meta.dirname, '../../../fixtures/imports');

/** The fixture's bytes, in chunks of `size` bytes (small chunks cut records, quotes and UTF-8 sequences). */
export async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Every row importRows makes of a fixture, read in chunks of `size` bytes. */
export async function rowsOf(
  name: string,
  options: Omit<ImportOptions, 'fileName'> = {},
  size = 1 << 16,
): Promise<ImportRow[]> {
  const rows: ImportRow[] = [];
  const bytes = readFileSync(join(FIXTURES, name));
  for await (const row of importRows(chunksOf(bytes, size), { ...options, fileName: name })) rows.push(row);
  return rows;
}

/** Rows of an inline CSV text. */
export async function rowsOfText(text: string, options: ImportOptions): Promise<ImportRow[]> {
  const rows: ImportRow[] = [];
  for await (const row of importRows(chunksOf(Buffer.from(text), 7), options)) rows.push(row);
  return rows;
}
