import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../infra/functions.ts';
import { ENTRIES, type EntryName } from '../../infra/lambda.ts';
import { bundleInputs } from '../support/bundle-inputs.ts';

/** The functions that mail a reader or export one: the only ones that may unwrap the address data key. */
const OPENERS: EntryName[] = ['send-confirmation', 'confirm', 'admin', 'deliver', 'repermission'];

// Issue 21 item 1: decrypts happen only in the named functions. The KMS key policy names their roles
// (test/infra/address-key.test.ts); this shows that no other function's code could unwrap a data key even if
// it were allowed to, nor open an address with a key it held: its bundle has neither the KMS client nor the cipher.
describe('the address cipher is wired into the functions that mail or export a reader, and no other', () => {
  it('is what infra/functions.ts marks openAddresses', () => {
    const marked = ENTRIES.filter((e) => FUNCTIONS[e].access?.openAddresses === true);
    expect([...marked].sort()).toEqual([...OPENERS].sort());
  });

  it.each([...ENTRIES])('%s', async (entry) => {
    const { files, packages } = await bundleInputs(entry);
    const opens = OPENERS.includes(entry);
    expect(files.includes('functions/wiring/address-cipher.ts'), 'wiring').toBe(opens);
    expect(files.includes('functions/adapters/crypto/address-cipher.ts'), 'cipher').toBe(opens);
    expect(files.includes('functions/adapters/kms/data-key-provider.ts'), 'KMS unwrap').toBe(opens);
    expect(packages.has('@aws-sdk/client-kms'), '@aws-sdk/client-kms').toBe(opens);
  });
});
