import { readdirSync, readFileSync, realpathSync, type Stats, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FileResult } from '../functions/app/import-commentaries.ts';
import { MAX_FILE_CHARS } from '../functions/handlers/admin/limits.ts';
import { type AdminApi, CliError } from './api-client.ts';
import type { CliIo } from './cli.ts';

const MAX_IMPORT_BYTES = 512 * 1024;

function statOf(p: string): Stats {
  try {
    return statSync(p);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new CliError(`${p} is a symbolic link loop (ELOOP)`);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CliError(`no such file or folder: ${p}`);
    throw new CliError(`cannot read ${p} (${code ?? (error as Error).message})`);
  }
}

/** The Markdown files under `paths`, sorted per folder; a symbolic link back into a folder being read is a loop. */
function markdownFiles(paths: string[], within: readonly string[] = []): string[] {
  const files: string[] = [];
  for (const p of paths) {
    if (!statOf(p).isDirectory()) {
      files.push(p);
      continue;
    }
    const real = realpathSync(p);
    if (within.includes(real)) throw new CliError(`${p} is a symbolic link loop back to ${real} (ELOOP)`);
    const names = readdirSync(p)
      .sort()
      .map((name) => join(p, name));
    files.push(...markdownFiles(names, [...within, real]).filter((f) => f.endsWith('.md')));
  }
  return files;
}

/** `import <file|dir>...`: each file's outcome, key and edition; exit code 1 when one is invalid. */
export async function importFiles(api: AdminApi, paths: string[], io: CliIo): Promise<number> {
  if (paths.length === 0) throw new CliError('import needs at least one file or folder');
  const all = markdownFiles(paths).map((name) => ({ name, content: readFileSync(name, 'utf8') }));
  const results: FileResult[] = [];
  // A file the API would refuse as a whole request is reported here, on that file; the others still go.
  const files = all.filter((f) => f.content.length <= MAX_FILE_CHARS);
  for (const f of all.filter((f) => f.content.length > MAX_FILE_CHARS)) {
    const message = `the file is ${Math.ceil(Buffer.byteLength(f.content) / 1024)} KB, too large for a commentary`;
    results.push({ name: f.name, status: 'invalid', problems: [{ field: '(file)', message }] });
  }
  // Several requests when the files are many: each stays well under the API's body limit.
  for (let i = 0; i < files.length; ) {
    const chunk: typeof files = [];
    let size = 0;
    while (
      i < files.length &&
      (chunk.length === 0 || size + Buffer.byteLength(files[i]?.content ?? '') < MAX_IMPORT_BYTES)
    ) {
      const file = files[i++] as (typeof files)[number];
      size += Buffer.byteLength(file.content);
      chunk.push(file);
    }
    const answer = await api.request('PUT', '/admin/commentaries', { body: { files: chunk } });
    results.push(...answer.json<{ results: FileResult[] }>().results);
  }
  const count = (status: FileResult['status']) => results.filter((r) => r.status === status).length;
  for (const r of results) {
    const where = r.key ? `  (${r.edition}, key ${r.key})` : '';
    if (r.status !== 'invalid') io.out(`${r.status.padEnd(9)} ${r.name}${where}`);
    for (const p of r.problems) io.err(`invalid  ${r.name}: ${p.code ? `${p.code}: ` : ''}${p.field}: ${p.message}`);
    for (const w of r.warnings ?? []) io.err(`warning  ${r.name}: ${w}`);
  }
  io.out(
    `${count('created')} created, ${count('updated')} updated, ${count('invalid')} invalid, ${count('unchanged')} unchanged`,
  );
  return count('invalid') > 0 ? 1 : 0;
}
