import { createServer } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AesGcmAddressCipher } from '../../functions/adapters/crypto/address-cipher.ts';
import { X25519RequestSealer } from '../../functions/adapters/crypto/request-sealer.ts';
import { KmsDataKeyProvider } from '../../functions/adapters/kms/data-key-provider.ts';
import { parseSecrets } from '../../functions/adapters/secrets.ts';
import { handler } from '../../infra/provisioner/handler.ts';
import { startFakeKmsAndSecrets } from '../support/fake-kms-secrets.ts';
import { listenLocally } from '../support/listen.ts';
import { type CfnResource, functionsByEntry, ofType, render, synth, TEST_CONTEXT } from './synth.ts';

const KEY_ARN = 'arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:newsletter-AbCdEf';
const MASTER = '{"master":"m4st3rm4st3rm4st3rm4st3rm4st3rm4st3rm4st3rm4st3r"}';

describe('the deploy-time data-key provisioner (Custom::AddressDataKey)', () => {
  let fake: Awaited<ReturnType<typeof startFakeKmsAndSecrets>>;
  let answers: Record<string, unknown>[] = [];
  let responder: Awaited<ReturnType<typeof listenLocally>>;
  const saved = { ...process.env };
  const request = (type: 'Create' | 'Update' | 'Delete', requestId: string, version = 'd1') => ({
    RequestType: type,
    ResponseURL: `${responder.endpoint}/cfn-response?signature=x`,
    StackId: 'arn:aws:cloudformation:eu-central-1:123456789012:stack/newsletter/guid',
    RequestId: requestId,
    LogicalResourceId: 'AddressDataKeyResource',
    ResourceType: 'Custom::AddressDataKey',
    ResourceProperties: {
      ServiceToken: 'arn:aws:lambda:…',
      SecretArn: SECRET_ARN,
      KeyArn: KEY_ARN,
      KeyVersion: version,
    },
  });

  beforeAll(async () => {
    responder = await listenLocally(
      createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          answers.push({ method: req.method, ...JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          res.end();
        });
      }),
    );
  });
  afterEach(async () => {
    await fake?.close();
    answers = [];
    process.env = { ...saved };
  });
  afterAll(() => responder.close());

  async function start(secret: string) {
    fake = await startFakeKmsAndSecrets(secret);
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_KMS: fake.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: fake.endpoint,
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    });
  }

  it('adds a first data key whose request key seals what the deliverer’s KMS unwrap opens, and keeps the rest', async () => {
    await start(MASTER);
    await handler(request('Create', '5f0c6c3e-7a4c-4a51-9d0e-000000000001'));
    expect(answers).toMatchObject([{ method: 'PUT', Status: 'SUCCESS', PhysicalResourceId: 'address-data-key' }]);
    const stored = JSON.parse(fake.state.secretString);
    expect(stored.master).toBe(JSON.parse(MASTER).master);
    expect(stored.dataKeys).toHaveLength(1);
    expect(stored.dataKeys[0].id).toBe('d1');
    const secrets = parseSecrets(fake.state.secretString);
    // subscribe seals with the stored request key; the confirmation mailer unwraps the data key through KMS and opens.
    const sealed = new X25519RequestSealer(secrets.dataKeys[0]).seal('Reader@Example.org', 'req-1');
    const cipher = new AesGcmAddressCipher(await new KmsDataKeyProvider(KEY_ARN, secrets.dataKeys).unwrap());
    expect(cipher.open(sealed, 'req-1')).toBe('Reader@Example.org');
    expect(fake.state.secretString).not.toContain(Buffer.from(cipher.currentKey).toString('base64'));
  });

  it('changes nothing on an update, a second deployment or a retried request', async () => {
    await start(MASTER);
    await handler(request('Create', '5f0c6c3e-7a4c-4a51-9d0e-000000000002'));
    const first = fake.state.secretString;
    await handler(request('Create', '5f0c6c3e-7a4c-4a51-9d0e-000000000002'));
    await handler(request('Update', '5f0c6c3e-7a4c-4a51-9d0e-000000000003'));
    await handler(request('Delete', '5f0c6c3e-7a4c-4a51-9d0e-000000000004'));
    expect(answers.map((a) => a.Status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS']);
    expect(fake.state.secretString).toBe(first);
    expect(fake.state.puts).toBe(1);
    expect(fake.state.calls.filter((c) => c === 'TrentService.GenerateDataKey')).toHaveLength(1);
  });

  it('rotates: a raised version seals from then on, and what the old key sealed still opens', async () => {
    await start(MASTER);
    await handler(request('Create', '5f0c6c3e-7a4c-4a51-9d0e-000000000006'));
    const before = parseSecrets(fake.state.secretString);
    const old = new AesGcmAddressCipher(await new KmsDataKeyProvider(KEY_ARN, before.dataKeys).unwrap());
    const sealedBefore = old.seal('Early@Example.org', 'sub-1');
    await handler(request('Update', '5f0c6c3e-7a4c-4a51-9d0e-000000000007', 'd2'));
    const after = parseSecrets(fake.state.secretString);
    expect(after.dataKeys.map((k) => k.id)).toEqual(['d2', 'd1']);
    expect(after.dataKeys[1]).toEqual(before.dataKeys[0]);
    const cipher = new AesGcmAddressCipher(await new KmsDataKeyProvider(KEY_ARN, after.dataKeys).unwrap());
    expect(cipher.currentKey).toBe('d2');
    expect(cipher.open(sealedBefore, 'sub-1')).toBe('Early@Example.org');
    const request2 = new X25519RequestSealer(after.dataKeys[0]).seal('Late@Example.org', 'req-2');
    expect(request2.startsWith('r1.d2.')).toBe(true);
    expect(cipher.open(request2, 'req-2')).toBe('Late@Example.org');
  });

  it('answers FAILED with the reason and stores nothing when KMS refuses', async () => {
    await start(MASTER);
    fake.state.refuse = true;
    await handler(request('Create', '5f0c6c3e-7a4c-4a51-9d0e-000000000005'));
    expect(answers).toHaveLength(1);
    expect(answers[0]?.Status).toBe('FAILED');
    expect(answers[0]?.Reason).toMatch(/^could not add the address data key: not allowed by the key policy/);
    expect(fake.state.secretString).toBe(MASTER);
  });

  it('answers nothing and calls nothing for an event that is not a custom resource request', async () => {
    await start(MASTER);
    await handler({ RequestType: 'Create', ResourceProperties: {} });
    expect(answers).toEqual([]);
    expect(fake.state.calls).toEqual([]);
  });
});

describe('the provisioner in the stack', () => {
  const s = synth();
  const [[providerId, provider]] = ofType(s.resources, 'Custom::AddressDataKey') as [[string, CfnResource]];
  const fnId = (provider.Properties.ServiceToken as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const role = `${((s.resources[fnId] as CfnResource).Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0]}`;
  const statementsOf = (resources: [string, CfnResource][]) =>
    resources.flatMap(([, r]) => (r.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement);

  it('is given the stack’s secret, address key and data key version (1 unless raised in the context)', () => {
    expect(provider.Properties.KeyVersion).toBe('d1');
    const raised = ofType(synth({ ...TEST_CONTEXT, dataKeyVersion: '2' }).resources, 'Custom::AddressDataKey');
    expect(raised.map(([, r]) => r.Properties.KeyVersion)).toEqual(['d2']);
    const [[keyId]] = ofType(s.resources, 'AWS::KMS::Key') as [[string, CfnResource]];
    const [[secretId]] = ofType(s.resources, 'AWS::SecretsManager::Secret') as [[string, CfnResource]];
    expect(render(provider.Properties.KeyArn, s.resources)).toBe(`${keyId}.Arn`);
    expect(provider.Properties.SecretArn).toEqual({ Ref: secretId });
  });

  it('may GenerateDataKey for the address purpose, never Decrypt; and no one else may GenerateDataKey', () => {
    const [[, key]] = ofType(s.resources, 'AWS::KMS::Key') as [[string, CfnResource]];
    const statements = (key.Properties.KeyPolicy as { Statement: Record<string, unknown>[] }).Statement;
    const generating = statements.filter((st) => [st.Action].flat().includes('kms:GenerateDataKey'));
    expect(generating).toHaveLength(1);
    const [only] = generating as [Record<string, unknown>];
    expect([only.Action].flat()).toEqual(['kms:GenerateDataKey']);
    expect(render((only.Principal as { AWS: unknown }).AWS, s.resources)).toBe(`${role}.Arn`);
    expect(only.Condition).toEqual({
      StringEquals: { 'kms:EncryptionContext:purpose': 'newsletter-address-data-key' },
    });
    const decrypting = statements.filter((st) => [st.Action].flat().includes('kms:Decrypt'));
    for (const st of decrypting) expect(JSON.stringify(st.Principal)).not.toContain(role);
  });

  it('reads and writes the secret and nothing else', () => {
    const policies = ofType(s.resources, 'AWS::IAM::Policy').filter(([, p]) =>
      JSON.stringify(p.Properties.Roles).includes(role),
    );
    const actions = statementsOf(policies).flatMap((st) => [st.Action].flat());
    expect(actions.filter((a) => !String(a).startsWith('logs:')).sort()).toEqual([
      'secretsmanager:GetSecretValue',
      'secretsmanager:PutSecretValue',
    ]);
  });

  it('runs before every function that reads the secret', () => {
    for (const [entry, [id]] of functionsByEntry(s.resources)) {
      const env = ((s.resources[id] as CfnResource).Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
      const dependsOn = ((s.resources[id] as unknown as { DependsOn?: string[] }).DependsOn ?? []) as string[];
      expect(dependsOn.includes(providerId), entry).toBe(env.SECRET_ARN !== undefined);
    }
  });
});
