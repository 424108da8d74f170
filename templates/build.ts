// Compiles the MJML e-mail layouts into templates/compiled/<layout>.json (one JSON string each, so a function
// bundles only the layouts it renders); runtime code imports only that JSON. Also compiles the message catalogues.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mjml2html from 'mjml';
import { languagesModule, readCatalogues } from './catalogues.ts';
import { buildDesk } from './desk-build.ts';
import { partOf } from './message-parts.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const SOURCE_DIR = join(HERE, 'email');
const OUTPUT_DIR = join(HERE, 'compiled');
const CORE_OUTPUT_DIR = join(HERE, '..', 'functions', 'core', 'compiled');

/** The compiled layouts: output key → MJML file under templates/email/. */
export const LAYOUTS = {
  confirm: 'confirm.mjml',
  alreadySubscribed: 'already-subscribed.mjml',
  digest: 'digest.mjml',
  welcome: 'welcome.mjml',
} as const;

const PARTIAL = /\{\{>\s*([\w-]+)\s*\}\}/g;

/** Replaces `{{> name}}` with templates/email/partials/name.mjml (mj-include does not resolve in mjml 5 here). */
async function expandPartials(source: string): Promise<string> {
  const names = [...new Set([...source.matchAll(PARTIAL)].map((m) => m[1] as string))];
  const partials = new Map<string, string>();
  for (const name of names) {
    partials.set(name, await readFile(join(SOURCE_DIR, 'partials', `${name}.mjml`), 'utf8'));
  }
  return source.replace(PARTIAL, (_whole, name: string) => partials.get(name) ?? '');
}

/** Compiles one MJML file strictly; throws with every validation error listed. */
export async function compileLayout(file: string): Promise<string> {
  const source = await expandPartials(await readFile(join(SOURCE_DIR, file), 'utf8'));
  const result = await mjml2html(source, { validationLevel: 'strict', fonts: {}, keepComments: false });
  if (result.errors.length > 0) {
    const details = result.errors.map((e) => `  line ${e.line}: ${e.formattedMessage ?? e.message}`).join('\n');
    throw new Error(`${file} is not valid MJML:\n${details}`);
  }
  return result.html;
}

/**
 * Writes templates/compiled/messages.json (each catalogue templates/i18n/<code>.json as JSON text), the same split by
 * part into templates/compiled/messages/<part>.json (see message-parts.ts; a language without a part's keys gets
 * `{}`), and functions/core/compiled/languages.ts (the languages found, with what each catalogue says about itself).
 */
export async function buildMessages(): Promise<void> {
  const catalogues = await readCatalogues(join(HERE, 'i18n'));
  const texts = Object.fromEntries(catalogues.map((c) => [c.language.code, JSON.stringify(c.messages)]));
  await mkdir(OUTPUT_DIR, { recursive: true });
  await writeFile(join(OUTPUT_DIR, 'messages.json'), `${JSON.stringify(texts)}\n`);
  const parts = new Map<string, Record<string, Record<string, string>>>();
  for (const { language, messages } of catalogues)
    for (const [key, text] of Object.entries(messages as Record<string, string>)) {
      const part = parts.get(partOf(key)) ?? Object.fromEntries(catalogues.map((c) => [c.language.code, {}]));
      (part[language.code] as Record<string, string>)[key] = text;
      parts.set(partOf(key), part);
    }
  const partsDir = join(OUTPUT_DIR, 'messages');
  await rm(partsDir, { recursive: true, force: true });
  await mkdir(partsDir, { recursive: true });
  for (const [name, byLanguage] of parts) {
    const partTexts = Object.fromEntries(Object.entries(byLanguage).map(([code, m]) => [code, JSON.stringify(m)]));
    await writeFile(join(partsDir, `${name}.json`), `${JSON.stringify(partTexts)}\n`);
  }
  await mkdir(CORE_OUTPUT_DIR, { recursive: true });
  await writeFile(join(CORE_OUTPUT_DIR, 'languages.ts'), languagesModule(catalogues.map((c) => c.language)));
}

/** Compiles every layout and writes the JSON bundle. */
export async function buildTemplates(): Promise<Record<keyof typeof LAYOUTS, string>> {
  const entries = await Promise.all(
    Object.entries(LAYOUTS).map(async ([key, file]) => [key, await compileLayout(file)] as const),
  );
  const compiled = Object.fromEntries(entries) as Record<keyof typeof LAYOUTS, string>;
  await mkdir(OUTPUT_DIR, { recursive: true });
  await Promise.all(
    entries.map(([key, html]) => writeFile(join(OUTPUT_DIR, `${key}.json`), `${JSON.stringify(html)}\n`)),
  );
  return compiled;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const compiled = await buildTemplates();
  await buildMessages();
  const desk = await buildDesk(join(HERE, '..'));
  const sizes = Object.entries(compiled).map(([key, html]) => `${key} ${(html.length / 1024).toFixed(1)} KB`);
  console.log(
    `templates/compiled/*.json: ${sizes.join(', ')}; desk ${desk.manifest.js} ${desk.jsGzipKb.toFixed(1)} KB gzipped`,
  );
}
