// Build-time only: bundles the editors' desk (browser code under desk/) with esbuild into templates/compiled/desk/
// under content-hashed names, and writes templates/compiled/desk.json (the names and bodies the desk function
// serves, so its Lambda bundle carries them). Checks first that every desk catalogue has every key of English's.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** One served file of the desk. */
export interface DeskFile {
  readonly type: string;
  readonly body: string;
}

/** What templates/compiled/desk.json holds: the shell's script and stylesheet names, and every file by name. */
export interface DeskManifest {
  readonly js: string;
  readonly css: string;
  readonly files: Record<string, DeskFile>;
}

/**
 * Every desk catalogue (desk/i18n/<code>.json) that exists must have exactly English's keys, each a non-empty
 * string; throws one line naming the file and the key otherwise. A language of templates/i18n without a desk
 * catalogue is allowed (a language stays one file for readers): the desk shows English's texts for it.
 */
export async function checkDeskCatalogues(root: string): Promise<void> {
  const codes = (await readdir(join(root, 'templates', 'i18n'))).filter((n) => n.endsWith('.json'));
  const read = async (name: string) =>
    JSON.parse(await readFile(join(root, 'desk', 'i18n', name), 'utf8')) as Record<string, unknown>;
  const en = await read('en.json');
  const present = new Set(await readdir(join(root, 'desk', 'i18n')));
  for (const name of codes.filter((n) => present.has(n))) {
    const file = `desk/i18n/${name}`;
    const messages = await read(name);
    for (const key of Object.keys(en))
      if (typeof messages[key] !== 'string' || (messages[key] as string).trim() === '')
        throw new Error(`${file}: ${key} is missing`);
    for (const key of Object.keys(messages)) if (!(key in en)) throw new Error(`${file}: ${key} is not in en.json`);
  }
}

const hashed = (stem: string, ext: string, body: string) =>
  `${stem}-${createHash('sha256').update(body, 'utf8').digest('hex').slice(0, 12)}.${ext}`;

/** The desk's stylesheets, in cascade order, shipped as one hashed file (the shell links one stylesheet). */
export const STYLES = ['base.css', 'pages.css'] as const;

/** Bundles the desk; answers the manifest and the shipped script's gzipped size in KB. */
export async function buildDesk(root: string): Promise<{ manifest: DeskManifest; jsGzipKb: number }> {
  await checkDeskCatalogues(root);
  const result = await build({
    entryPoints: [join(root, 'desk', 'main.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const js = result.outputFiles[0]?.text ?? '';
  const css = (await Promise.all(STYLES.map((n) => readFile(join(root, 'desk', 'styles', n), 'utf8')))).join('');
  const names = { js: hashed('desk', 'js', js), css: hashed('desk', 'css', css) };
  const files: Record<string, DeskFile> = {
    [names.js]: { type: 'text/javascript; charset=utf-8', body: js },
    [names.css]: { type: 'text/css; charset=utf-8', body: css },
  };
  const out = join(root, 'templates', 'compiled', 'desk');
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await Promise.all(Object.entries(files).map(([name, f]) => writeFile(join(out, name), f.body)));
  const manifest = { ...names, files };
  await writeFile(join(root, 'templates', 'compiled', 'desk.json'), `${JSON.stringify(manifest)}\n`);
  return { manifest, jsGzipKb: gzipSync(js, { level: 9 }).length / 1024 };
}
