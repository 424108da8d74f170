import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../../infra/lambda.ts';

/**
 * The Node.js that runs the bundles: Lambda's Node 22 when it is at hand (NODE22_BIN, or the `node@22` npm package
 * that `npm run setup:node22` and .ci/run install under .cache/node22), else this one. It is not a dependency of
 * the project, because its `node` binary would shadow the system Node.js in every npm script.
 */
export function lambdaNode(): { path: string; version: string } {
  const candidates = [
    process.env.NODE22_BIN,
    join(PROJECT_ROOT, '.cache', 'node22', 'node_modules', 'node', 'bin', 'node'),
  ];
  for (const candidate of candidates) {
    if (!candidate || !existsSync(candidate)) continue;
    const version = execFileSync(candidate, ['--version'], { encoding: 'utf8' }).trim();
    if (version.startsWith('v22.')) return { path: candidate, version };
  }
  return { path: process.execPath, version: process.version };
}

// Imports the bundle as Lambda's Node.js runtime does (ESM `index.mjs`), calls `handler` once with the event read
// from stdin and a minimal context, and writes the result to RESULT_FILE (stdout belongs to the function's logs).
const RUNNER = `
import { writeFileSync } from 'node:fs';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const { handler } = await import(process.env.BUNDLE_URL);
const context = {
  functionName: 'smoke', functionVersion: '$LATEST', awsRequestId: 'smoke-request', memoryLimitInMB: '512',
  invokedFunctionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:smoke', logGroupName: '/aws/lambda/smoke',
  logStreamName: 'smoke', callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => 30000,
};
const result = await handler(JSON.parse(input), context);
writeFileSync(process.env.RESULT_FILE, JSON.stringify({ result: result ?? null }));
`;

/** What one invocation returned, and what the function logged. */
export interface Invocation<T> {
  readonly result: T;
  readonly logs: string;
}

/** Runs `handler(event)` of the bundle in `assetDir` in a fresh Node process with exactly `env`. */
export async function invokeBundle<T = unknown>(
  assetDir: string,
  event: unknown,
  env: Record<string, string>,
): Promise<Invocation<T>> {
  const dir = mkdtempSync(join(tmpdir(), 'invoke-'));
  const resultFile = join(dir, 'result.json');
  try {
    const child = spawn(lambdaNode().path, ['--input-type=module', '-e', RUNNER], {
      env: {
        PATH: process.env.PATH ?? '',
        ...env,
        BUNDLE_URL: pathToFileURL(join(assetDir, 'index.mjs')).href,
        RESULT_FILE: resultFile,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let logs = '';
    child.stdout.on('data', (d) => {
      logs += d;
    });
    child.stderr.on('data', (d) => {
      logs += d;
    });
    child.stdin.end(JSON.stringify(event));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0 || !existsSync(resultFile))
      throw new Error(`the bundle in ${assetDir} failed (exit ${code}):\n${logs}`);
    return { result: (JSON.parse(readFileSync(resultFile, 'utf8')) as { result: T }).result, logs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
