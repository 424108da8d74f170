import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type Bundle, bundleBaseline, bundleHandler, handlerEntries } from './bundles.ts';
import { BENCH_SECRET, startSecretsStandIn } from './secrets-stand-in.ts';
import { median, type PairedRatio, pairedRatio, round } from './stats.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');

/** Figure 3 for one function: its bundle against the baseline that only constructs the same SDK clients. */
export interface ColdStart {
  readonly fn: string;
  readonly bytes: number;
  readonly baselineBytes: number;
  /** Size above the baseline, in KB (1024 bytes). */
  readonly extraKB: number;
  /** Of that: our code and templates plus every library the baseline does not have (the target's measure). */
  readonly oursAndLibsKB: number;
  /** Of that: more of the SDK's own packages than the baseline pulls in (command classes, marshalling). */
  readonly moreSdkKB: number;
  /** Bytes in the bundle by package, for our code (`<own>`) and every package the baseline does not have. */
  readonly extraPackages: Record<string, number>;
  /** Development-only packages (package-lock `dev`) or MJML found in the bundle: must be empty. */
  readonly forbidden: string[];
  readonly initMs: number;
  readonly baselineInitMs: number;
  readonly initRatio: number;
  /** The init ratio of each (baseline, handler) pair of fresh processes, alternated. */
  readonly spread: PairedRatio;
  /** GetSecretValue calls the handler makes at start (from the stand-in); its baseline makes as many. */
  readonly secretFetches: number;
}

/** A Lambda-like environment; the secret is fetched from the Secrets Manager stand-in, as on AWS (its endpoint is
 * added when the figure runs). */
const LAMBDA_ENV: Record<string, string> = {
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  TABLE_NAME: 'newsletter',
  SENDER_EMAIL: 'Belarus Weekly <weekly@newsletter.example>',
  PUBLIC_URL: 'https://newsletter.example',
  SECRET_ARN: BENCH_SECRET.arn,
  QUEUE_URL: 'https://sqs.eu-central-1.amazonaws.com/123456789012/send',
  DISPATCH_FUNCTION_NAME: 'newsletter-dispatch',
  CONFIRM_QUEUE_URL: 'https://sqs.eu-central-1.amazonaws.com/123456789012/confirmations',
  INBOUND_DOMAIN: 'inbound.newsletter.example',
  INBOUND_BUCKET: 'newsletter-inbound-mail',
  LIST_ID: 'weekly.newsletter.example',
  ALLOWED_ORIGINS: 'https://example.org',
  POWERTOOLS_LOG_LEVEL: 'WARN',
  NODE_OPTIONS: '--enable-source-maps',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

const PROBE = 'const t = performance.now(); await import(process.argv[1]); console.log(performance.now() - t);';

/** Imports a bundle in a fresh Node process (Lambda's NODE_OPTIONS) and returns the import's duration in ms. */
export async function initTime(file: string, env: Record<string, string> = {}): Promise<number> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', PROBE, pathToFileURL(file).href], {
    env: { PATH: process.env.PATH ?? '', ...LAMBDA_ENV, ...env },
  });
  return Number(stdout.trim().split('\n').at(-1));
}

/** Packages only development needs: every copy of them in package-lock is `dev` (a nested dev copy, such as the
 * yaml aws-cdk-lib bundles, does not make the runtime yaml a dev package). */
function devPackages(): Set<string> {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  const dev = new Set<string>();
  const runtime = new Set<string>();
  for (const [path, info] of Object.entries(lock.packages)) {
    if (!path) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 13);
    (info.dev || info.devOptional ? dev : runtime).add(name);
  }
  for (const name of runtime) dev.delete(name);
  return dev;
}

function extraPackages(handler: Bundle, baseline: Bundle): Record<string, number> {
  return Object.fromEntries(
    Object.entries(handler.packages)
      .filter(([name, bytes]) => (name === '<own>' || baseline.packages[name] === undefined) && bytes > 0)
      .sort((a, b) => b[1] - a[1]),
  );
}

function moreSdk(handler: Bundle, baseline: Bundle): number {
  let bytes = 0;
  for (const [name, size] of Object.entries(handler.packages))
    if (name !== '<own>' && baseline.packages[name] !== undefined) bytes += size - (baseline.packages[name] ?? 0);
  return bytes;
}

/** Runs figure 3: builds each handler (all, or those named) and its baseline, then times `samples` fresh imports of
 * each, alternated. */
export async function benchColdStart(options: { samples: number; functions?: string[] }): Promise<ColdStart[]> {
  const dev = devPackages();
  const results: ColdStart[] = [];
  const dirs: string[] = [];
  const all = handlerEntries();
  const unknown = (options.functions ?? []).filter((f) => !all.includes(f));
  if (unknown.length > 0) throw new Error(`no handler named ${unknown.join(', ')} (handlers: ${all.join(', ')})`);
  const secrets = await startSecretsStandIn();
  const env = { AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint };
  const time = (file: string) => initTime(file, env);
  for (const fn of options.functions ?? all) {
    const handler = await bundleHandler(fn);
    // Untimed: warms the file cache and counts the secret fetches the handler makes at start; its baseline makes as
    // many (none for a handler that needs no secret).
    secrets.calls.GetSecretValue = 0;
    await time(handler.file);
    const secretFetches = secrets.calls.GetSecretValue;
    const baseline = await bundleBaseline(fn, handler, secretFetches);
    dirs.push(dirname(dirname(handler.file)));
    const extra = extraPackages(handler, baseline);
    const forbidden = Object.keys(handler.packages).filter((p) => dev.has(p) || /mjml/i.test(p));
    await time(baseline.file);
    const times = { handler: [] as number[], baseline: [] as number[] };
    for (let i = 0; i < options.samples; i++) {
      const order = i % 2 === 0 ? (['baseline', 'handler'] as const) : (['handler', 'baseline'] as const);
      for (const which of order) times[which].push(await time(which === 'handler' ? handler.file : baseline.file));
    }
    const initMs = median(times.handler);
    const baselineInitMs = median(times.baseline);
    const spread = pairedRatio(times.handler, times.baseline);
    results.push({
      fn,
      bytes: handler.bytes,
      baselineBytes: baseline.bytes,
      extraKB: round((handler.bytes - baseline.bytes) / 1024, 1),
      oursAndLibsKB: round(Object.values(extra).reduce((a, b) => a + b, 0) / 1024, 1),
      moreSdkKB: round(moreSdk(handler, baseline) / 1024, 1),
      extraPackages: extra,
      forbidden,
      initMs: round(initMs, 1),
      baselineInitMs: round(baselineInitMs, 1),
      initRatio: spread.median,
      spread,
      secretFetches,
    });
  }
  await secrets.close();
  for (const dir of new Set(dirs)) rmSync(dir, { recursive: true, force: true });
  return results;
}
