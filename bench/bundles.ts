import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BuildOptions, build, type Metafile } from 'esbuild';

const ROOT = join(import.meta.dirname, '..');
const HANDLERS = join(ROOT, 'functions', 'handlers');

/** The options infra/lambda.ts gives NodejsFunction (ESM, minified, node22, AWS SDK bundled, require banner). */
export const LAMBDA_BUILD: BuildOptions = {
  bundle: true,
  format: 'esm',
  target: 'node22',
  platform: 'node',
  minify: true,
  charset: 'utf8',
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  logLevel: 'error',
};

/** SDK packages a baseline may construct clients of, with the statement that constructs each. */
const CLIENTS: Record<string, { imports: string; construct: string }> = {
  '@aws-sdk/client-dynamodb': {
    imports: "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
    construct: 'new DynamoDBClient({})',
  },
  '@aws-sdk/lib-dynamodb': {
    imports: "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
    construct:
      'DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } })',
  },
  '@aws-sdk/client-sesv2': {
    imports: "import { SESv2Client } from '@aws-sdk/client-sesv2';",
    construct: 'new SESv2Client({})',
  },
  '@aws-sdk/client-sqs': {
    imports: "import { SQSClient } from '@aws-sdk/client-sqs';",
    construct: 'new SQSClient({})',
  },
  '@aws-sdk/client-lambda': {
    imports: "import { LambdaClient } from '@aws-sdk/client-lambda';",
    construct: 'new LambdaClient({})',
  },
  '@aws-sdk/client-s3': {
    imports: "import { S3Client } from '@aws-sdk/client-s3';",
    construct: 'new S3Client({})',
  },
  '@aws-sdk/client-kms': {
    imports: "import { KMSClient } from '@aws-sdk/client-kms';",
    construct: 'new KMSClient({})',
  },
  '@aws-sdk/client-secrets-manager': {
    imports: "import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';",
    construct: 'new SecretsManagerClient({})',
  },
};

/** One built bundle: its file, size, and bytes per package (`<own>` for code outside node_modules). */
export interface Bundle {
  readonly file: string;
  readonly bytes: number;
  readonly packages: Record<string, number>;
}

/** The Lambda entry points: the modules under functions/handlers that export a handler. */
export function handlerEntries(): string[] {
  return readdirSync(HANDLERS)
    .filter((f) => f.endsWith('.ts') && readFileSync(join(HANDLERS, f), 'utf8').includes('export const handler'))
    .map((f) => f.replace(/\.ts$/, ''));
}

/** The package a bundled input belongs to, by its last node_modules segment. */
export function packageOf(input: string): string {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return '<own>';
  const parts = input.slice(at + 'node_modules/'.length).split('/');
  return (parts[0] as string).startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] as string);
}

function packagesOf(meta: Metafile): Record<string, number> {
  const output = Object.entries(meta.outputs).find(([path]) => path.endsWith('index.mjs'));
  const sizes: Record<string, number> = {};
  for (const [input, { bytesInOutput }] of Object.entries(output?.[1].inputs ?? {}))
    sizes[packageOf(input)] = (sizes[packageOf(input)] ?? 0) + bytesInOutput;
  return sizes;
}

const OUT = join(tmpdir(), `newsletter-bench-${process.pid}`);

async function bundle(name: string, entry: BuildOptions): Promise<Bundle> {
  const dir = join(OUT, name);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'index.mjs');
  const result = await build({ ...LAMBDA_BUILD, ...entry, outfile: file, metafile: true, absWorkingDir: ROOT });
  return { file, bytes: statSync(file).size, packages: packagesOf(result.metafile as Metafile) };
}

/** Builds a handler's bundle the way the stack does. */
export function bundleHandler(name: string): Promise<Bundle> {
  return bundle(name, { entryPoints: [join(HANDLERS, `${name}.ts`)] });
}

/**
 * Builds the baseline of a handler: a module that only constructs the SDK clients the handler's bundle contains and
 * fetches the secret `secretFetches` times at start (SECRET_ARN), as the handler does.
 */
export function bundleBaseline(name: string, handler: Bundle, secretFetches = 0): Promise<Bundle> {
  const used = Object.keys(CLIENTS).filter((p) => handler.packages[p] !== undefined);
  if (secretFetches > 0 && !used.includes('@aws-sdk/client-secrets-manager'))
    used.push('@aws-sdk/client-secrets-manager');
  if (used.includes('@aws-sdk/lib-dynamodb') && !used.includes('@aws-sdk/client-dynamodb'))
    used.unshift('@aws-sdk/client-dynamodb');
  const clients = used.map((p) => CLIENTS[p] as { imports: string; construct: string });
  const contents = [
    ...clients.map((c) => c.imports),
    `const clients = [${clients.map((c) => c.construct).join(', ')}];`,
    ...(secretFetches > 0
      ? [
          "import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';",
          `for (let i = 0; i < ${secretFetches}; i++) await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: process.env.SECRET_ARN }));`,
        ]
      : []),
    'export const handler = async () => clients.length;',
  ].join('\n');
  return bundleSource(`${name}-baseline`, contents);
}

/** Builds a bundle from module source text resolved at the project's root, the way the stack builds handlers. */
export function bundleSource(name: string, contents: string): Promise<Bundle> {
  return bundle(name, { stdin: { contents, resolveDir: ROOT, loader: 'ts', sourcefile: `${name}.ts` } });
}
