import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { LAMBDA_BUILD, packageOf } from '../../bench/bundles.ts';
import { FUNCTIONS } from '../../infra/functions.ts';
import { ENTRIES, type EntryName } from '../../infra/lambda.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** The functions that mail a reader or export one: the only ones that may unwrap the address data key. */
const OPENERS: EntryName[] = ['send-confirmation', 'confirm', 'admin', 'deliver'];

/** Our files and the packages a handler's Lambda bundle holds after tree shaking (built as the stack builds it). */
async function contents(entry: EntryName): Promise<{ files: string[]; packages: Set<string> }> {
  const result = await build({
    ...LAMBDA_BUILD,
    entryPoints: [join(ROOT, 'functions', 'handlers', `${entry}.ts`)],
    outfile: join(ROOT, '.cache', 'address-cipher-wiring', entry, 'index.mjs'),
    absWorkingDir: ROOT,
    metafile: true,
    write: false,
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined);
  const all = Object.entries(output?.inputs ?? {})
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([input]) => input);
  return { files: all.filter((i) => !i.includes('node_modules/')), packages: new Set(all.map(packageOf)) };
}

// Issue 21 item 1: decrypts happen only in the named functions. The KMS key policy names their roles
// (test/infra/address-key.test.ts); this shows that no other function's code could unwrap a data key even if
// it were allowed to, nor open an address with a key it held: its bundle has neither the KMS client nor the cipher.
describe('the address cipher is wired into the functions that mail or export a reader, and no other', () => {
  it('is what infra/functions.ts marks openAddresses', () => {
    const marked = ENTRIES.filter((e) => FUNCTIONS[e].access?.openAddresses === true);
    expect([...marked].sort()).toEqual([...OPENERS].sort());
  });

  it.each([...ENTRIES])('%s', async (entry) => {
    const { files, packages } = await contents(entry);
    const opens = OPENERS.includes(entry);
    expect(files.includes('functions/wiring/address-cipher.ts'), 'wiring').toBe(opens);
    expect(files.includes('functions/adapters/crypto/address-cipher.ts'), 'cipher').toBe(opens);
    expect(files.includes('functions/adapters/kms/data-key-provider.ts'), 'KMS unwrap').toBe(opens);
    expect(packages.has('@aws-sdk/client-kms'), '@aws-sdk/client-kms').toBe(opens);
  });
});
