import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { LAMBDA_BUILD, packageOf } from '../../bench/bundles.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** What a handler's Lambda bundle holds (built as the stack builds it, not written): packages and our files. */
async function inputs(handler: string): Promise<{ packages: Set<string>; files: string[] }> {
  const result = await build({
    ...LAMBDA_BUILD,
    entryPoints: [join(ROOT, 'functions', 'handlers', `${handler}.ts`)],
    outfile: join(ROOT, '.cache', 'bundle-contents', handler, 'index.mjs'),
    absWorkingDir: ROOT,
    metafile: true,
    write: false,
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined);
  // Only what is left in the bundle after tree shaking.
  const all = Object.entries(output?.inputs ?? {})
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([input]) => input);
  return { packages: new Set(all.map(packageOf)), files: all.filter((i) => !i.includes('node_modules/')) };
}

// Every kilobyte in a bundle costs module init (issue 14); these are what a function carried without needing it.
describe('a function bundle carries what the function needs at cold start', () => {
  it('prepare: the feed parsers, not the commentary file parser (yaml, marked)', async () => {
    const { packages } = await inputs('prepare');
    expect(packages.has('feedsmith')).toBe(true);
    expect([...packages].filter((p) => p === 'yaml' || p === 'marked')).toEqual([]);
  });

  it('inbound: postal-mime, not mailparser, and no message catalogue', async () => {
    const { packages, files } = await inputs('inbound');
    expect(packages.has('postal-mime')).toBe(true);
    expect([...packages].filter((p) => /mailparser|iconv-lite|libmime/.test(p))).toEqual([]);
    expect(files.filter((f) => /^templates\/(i18n|compiled\/messages)/.test(f))).toEqual([]);
  });

  it('the counting functions: no Powertools Metrics (the EMF lines are our own)', async () => {
    for (const handler of ['subscribe', 'confirm', 'unsubscribe', 'deliver']) {
      const { packages } = await inputs(handler);
      expect(packages.has('@aws-lambda-powertools/metrics'), handler).toBe(false);
    }
  });
});
