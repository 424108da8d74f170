import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ImportOptions } from '../functions/core/import/index.ts';
import { IMPORT_CHUNK_BYTES, type ImportAnswer, rowsIn } from '../functions/core/import-outcome.ts';
import { type AdminApi, CliError } from './api-client.ts';

/** The API's chunk limit and answer, declared once beside the outcomes (core/import-outcome.ts). */
export const CHUNK_BYTES = IMPORT_CHUNK_BYTES;
export type { ImportAnswer };

async function fileFacts(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * Sends one file chunk by chunk until the API says the import is done: the chunk it asks for next, the same one
 * again when its budget ran out inside it, and (dry run) the carry of the previous answer. `progress` hears each
 * answer. Every request is safe to repeat: a chunk applied already writes nothing.
 */
export async function uploadFile(
  api: AdminApi,
  path: string,
  options: ImportOptions & { updateLanguage?: boolean; dryRun?: boolean },
  progress: (answer: ImportAnswer) => void,
  chunkBytes = CHUNK_BYTES,
): Promise<ImportAnswer> {
  const { sha256, size } = await fileFacts(path);
  if (size === 0) throw new CliError(`${path} is empty`);
  const count = Math.ceil(size / chunkBytes);
  const { fileName: _name, ...rest } = options;
  const handle = await open(path, 'r');
  try {
    let index = 0;
    let carry: string | undefined;
    for (;;) {
      const buffer = Buffer.alloc(Math.min(chunkBytes, size - index * chunkBytes));
      await handle.read(buffer, 0, buffer.length, index * chunkBytes);
      const body = {
        file: { name: basename(path), sha256, size },
        options: rest,
        chunk: { index, count, data: buffer.toString('base64') },
        ...(carry ? { carry } : {}),
      };
      let answer: ImportAnswer;
      try {
        answer = (await api.request('POST', '/admin/subscribers/imports', { body })).json<ImportAnswer>();
      } catch (error) {
        if (error instanceof CliError) throw new CliError(`${path}: ${error.message}`);
        throw error;
      }
      progress(answer);
      if (answer.status === 'done') return answer;
      carry = answer.carry;
      if (!answer.again) {
        const next = answer.next?.chunk ?? index + 1;
        if (next <= index && !answer.again) throw new CliError(`${path}: the API asked for chunk ${next} again`);
        index = next;
      }
      if (index >= count) throw new CliError(`${path}: the API asked for chunk ${index} of ${count}`);
    }
  } finally {
    await handle.close();
  }
}

/** Rows an answer has counted so far. */
export const rowsOfAnswer = (answer: ImportAnswer): number => rowsIn(answer.outcomes);
