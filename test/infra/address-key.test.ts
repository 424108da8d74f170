import { beforeAll, describe, expect, it } from 'vitest';
import type { EntryName } from '../../infra/lambda.ts';
import { type CfnResource, functionsByEntry, ofType, render, type Synthesized, synth } from './synth.ts';

/** Written out independently of infra/functions.ts: the functions that mail a reader or export one. */
// repermission: the imports' re-permission e-mails go to the sealed addresses.
const DECRYPTERS: EntryName[] = ['send-confirmation', 'confirm', 'admin', 'deliver', 'repermission'];

let s: Synthesized;
let key: [string, CfnResource];
let statements: Record<string, unknown>[];

beforeAll(() => {
  s = synth();
  const keys = ofType(s.resources, 'AWS::KMS::Key');
  expect(keys).toHaveLength(1);
  key = keys[0] as [string, CfnResource];
  statements = (key[1].Properties.KeyPolicy as { Statement: Record<string, unknown>[] }).Statement;
});

const asList = (x: unknown) => (Array.isArray(x) ? x : [x]);
const principalsOf = (st: Record<string, unknown>) =>
  asList((st.Principal as { AWS: unknown }).AWS).map((p) => render(p, s.resources));

describe('the KMS key that wraps the address data keys', () => {
  it('is customer managed, rotates its key material automatically and is retained', () => {
    expect(key[1].Properties.EnableKeyRotation).toBe(true);
    expect((key[1] as unknown as { DeletionPolicy: string }).DeletionPolicy).toBe('Retain');
  });

  it('lets exactly the roles of the functions that mail or export a reader Decrypt, for data keys only', () => {
    const fns = functionsByEntry(s.resources);
    const roleOf = (entry: EntryName) => {
      const fn = fns.get(entry) as [string, CfnResource];
      return `${(fn[1].Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0]}.Arn`;
    };
    const decrypt = statements.filter((st) => asList(st.Action).some((a) => a === 'kms:Decrypt' || a === 'kms:*'));
    expect(decrypt).toHaveLength(1);
    const [only] = decrypt as [Record<string, unknown>];
    expect(only.Effect).toBe('Allow');
    expect(asList(only.Action)).toEqual(['kms:Decrypt']);
    expect(principalsOf(only).sort()).toEqual(DECRYPTERS.map(roleOf).sort());
    expect(only.Condition).toEqual({
      StringEquals: { 'kms:EncryptionContext:purpose': 'newsletter-address-data-key' },
    });
  });

  it('gives the account no way to unwrap: no Decrypt, no wildcard, no data key in clear', () => {
    const account = statements.filter((st) => principalsOf(st).some((p) => p.endsWith(':root')));
    expect(account).toHaveLength(1);
    const actions = asList(account[0]?.Action) as string[];
    expect(actions).toContain('kms:GenerateDataKeyWithoutPlaintext');
    for (const a of actions)
      expect(a, a).not.toMatch(/^kms:(\*|Decrypt|ReEncrypt|GenerateDataKey$|GenerateDataKeyPair)/);
  });

  it('is named to the decrypting functions (ADDRESS_KEY_ARN) and to no other', () => {
    for (const [entry, [, fn]] of functionsByEntry(s.resources)) {
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env.ADDRESS_KEY_ARN !== undefined, entry).toBe(DECRYPTERS.includes(entry));
      if (env.ADDRESS_KEY_ARN !== undefined) expect(render(env.ADDRESS_KEY_ARN, s.resources)).toBe(`${key[0]}.Arn`);
    }
  });
});
