import { join } from 'node:path';
import { build } from 'esbuild';
import { LAMBDA_BUILD, packageOf } from '../../bench/bundles.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** What a handler's Lambda bundle holds after tree shaking: our files and the packages (built as the stack does). */
export async function bundleInputs(handler: string): Promise<{ files: string[]; packages: Set<string> }> {
  const result = await build({
    ...LAMBDA_BUILD,
    entryPoints: [join(ROOT, 'functions', 'handlers', `${handler}.ts`)],
    outfile: join(ROOT, '.cache', 'bundle-inputs', handler, 'index.mjs'),
    absWorkingDir: ROOT,
    metafile: true,
    write: false,
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined);
  // Only what is left in the bundle after tree shaking.
  const all = Object.entries(output?.inputs ?? {})
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([input]) => input);
  return { files: all.filter((i) => !i.includes('node_modules/')), packages: new Set(all.map(packageOf)) };
}
