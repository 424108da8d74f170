import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { dataKeyContext } from '../functions/adapters/kms/data-key-provider.ts';
import { startFakeKmsAndSecrets } from '../test/support/fake-kms-secrets.ts';
import { bundleSource } from './bundles.ts';
import { median, round } from './stats.ts';

const run = promisify(execFile);
const KEY_ARN = 'arn:aws:kms:eu-central-1:123456789012:key/00000000-0000-4000-8000-000000000000';

/** Figure 3b: what unwrapping the address data key through KMS adds to a cold start. */
export interface KmsUnwrapFigure {
  readonly samples: number;
  /**
   * First unwrap in a fresh process that has built the deliverer's clients and fetched its secret: the KMS SDK's code
   * evaluated, a client built, one Decrypt (ms, median); `sdkMs` of it the KMS SDK's code alone.
   */
  readonly coldMs: number;
  readonly sdkMs: number;
  /** A second unwrap in the same process: a new client and one Decrypt (ms, median). */
  readonly againMs: number;
  /** The same data key unwrapped by the local wrapping key, as `npm start` does (ms, median). */
  readonly localMs: number;
  readonly runs: { coldMs: number; sdkMs: number; againMs: number; localMs: number }[];
}

// The probe: bundled like a handler, imported in a fresh Node process, it unwraps the data key as the functions that
// mail a reader do at cold start (KmsDataKeyProvider, ADDRESS_KEY_ARN), then again, and times the local unwrap.
const PROBE = `
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { KmsDataKeyProvider } from './functions/adapters/kms/data-key-provider.ts';
import { LocalDataKeyProvider, wrapDataKey } from './functions/adapters/local-key/data-key-provider.ts';
const wrapped = JSON.parse(process.env.BENCH_WRAPPED);
// What the deliverer has done before it unwraps: built its clients and fetched its secret (the SDK's shared code
// evaluated, credentials resolved, a first request made).
const clients = [new DynamoDBClient({}), new SESv2Client({})];
await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: 'bench' }));
const t0 = performance.now();
await import('@aws-sdk/client-kms');
const tSdk = performance.now();
const [key] = await new KmsDataKeyProvider(process.env.BENCH_KEY_ARN, wrapped).unwrap();
const t1 = performance.now();
await new KmsDataKeyProvider(process.env.BENCH_KEY_ARN, wrapped).unwrap();
const t2 = performance.now();
const wrappingKey = randomBytes(32);
const local = [wrapDataKey(wrappingKey, 'd1', key.key)];
const t3 = performance.now();
await new LocalDataKeyProvider(wrappingKey, local).unwrap();
const t4 = performance.now();
console.log(JSON.stringify({ coldMs: t1 - t0, sdkMs: tSdk - t0, againMs: t2 - t1, localMs: t4 - t3, clients: clients.length }));
`;

/** Runs figure 3b: `samples` fresh processes against a KMS stand-in on loopback (one data key, as the stack makes). */
export async function benchKmsUnwrap(options: { samples: number }): Promise<KmsUnwrapFigure> {
  const kms = await startFakeKmsAndSecrets('{}');
  const probe = await bundleSource('kms-unwrap-probe', PROBE);
  try {
    const aws = { AWS_REGION: 'eu-central-1', AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench' };
    const client = new KMSClient({
      region: aws.AWS_REGION,
      endpoint: kms.endpoint,
      credentials: {
        accessKeyId: 'bench',
        secretAccessKey: 'bench',
      },
    });
    const generated = await client.send(
      new GenerateDataKeyCommand({ KeyId: KEY_ARN, KeySpec: 'AES_256', EncryptionContext: dataKeyContext('d1') }),
    );
    client.destroy();
    const wrapped = [{ id: 'd1', wrapped: Buffer.from(generated.CiphertextBlob as Uint8Array).toString('base64') }];
    const env = {
      PATH: process.env.PATH ?? '',
      ...aws,
      AWS_ENDPOINT_URL_KMS: kms.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: kms.endpoint,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      NODE_OPTIONS: '--enable-source-maps',
      BENCH_KEY_ARN: KEY_ARN,
      BENCH_WRAPPED: JSON.stringify(wrapped),
    };
    const once = async () => {
      const { stdout } = await run(process.execPath, [probe.file], { env });
      return JSON.parse(stdout.trim().split('\n').at(-1) as string) as KmsUnwrapFigure['runs'][number];
    };
    // Untimed: warms the file cache.
    await once();
    const runs: KmsUnwrapFigure['runs'] = [];
    for (let i = 0; i < options.samples; i++) runs.push(await once());
    const med = (k: keyof KmsUnwrapFigure['runs'][number]) => round(median(runs.map((r) => r[k])), 2);
    const runsOnly = runs.map(({ coldMs, sdkMs, againMs, localMs }) => ({ coldMs, sdkMs, againMs, localMs }));
    return {
      samples: options.samples,
      coldMs: med('coldMs'),
      sdkMs: med('sdkMs'),
      againMs: med('againMs'),
      localMs: med('localMs'),
      runs: runsOnly,
    };
  } finally {
    await kms.close();
    rmSync(dirname(probe.file), { recursive: true, force: true });
  }
}
