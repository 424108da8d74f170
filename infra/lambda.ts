import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** The project root (where package-lock.json lives). */
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The Lambda entry points, by file name under functions/handlers/. */
export const ENTRIES = [
  'subscribe',
  'send-confirmation',
  'confirm',
  'unsubscribe',
  'erase',
  'widget',
  'archive',
  'admin',
  'dispatch',
  'prepare',
  'repermission',
  'hold',
  'deliver',
  'ses-events',
  'inbound',
  'desk',
] as const;

/** One entry point's name. */
export type EntryName = (typeof ENTRIES)[number];

/** The entry's source file. */
export function entryPath(name: EntryName): string {
  return join(PROJECT_ROOT, 'functions', 'handlers', `${name}.ts`);
}

/** Options of one function. */
export interface NewsletterFunctionProps {
  readonly entry: EntryName;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  /** Settings every function reads (see functions/app/config.ts); resource variables come from the binders. */
  readonly environment: Record<string, string>;
  readonly logRetention?: RetentionDays;
}

// The handlers use top-level await (ESM only); CommonJS dependencies inside an ESM bundle need `require`.
const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * How every function of the stack is built: Node.js 22 on arm64, bundled from `entry` with the local esbuild (ESM,
 * minified, source maps, the AWS SDK included so the version we tested is the version that runs).
 */
export function bundledNode22(entry: string) {
  return {
    entry,
    handler: 'handler',
    runtime: Runtime.NODEJS_22_X,
    architecture: Architecture.ARM_64,
    projectRoot: PROJECT_ROOT,
    depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
    bundling: {
      format: OutputFormat.ESM,
      target: 'node22',
      platform: 'node',
      minify: true,
      // UTF-8 output keeps the Belarusian and Russian catalogues at two bytes a letter instead of six (\uXXXX).
      // Passed as a flag: this aws-cdk-lib release does not hand its `charset` option on to esbuild.
      esbuildArgs: { '--charset': 'utf8' },
      sourceMap: true,
      sourcesContent: false,
      bundleAwsSDK: true,
      mainFields: ['module', 'main'],
      banner: ESM_REQUIRE_BANNER,
      logLevel: LogLevel.ERROR,
    },
  };
}

/**
 * A Node.js 22 arm64 function bundled from its entry with the local esbuild (ESM, minified, source maps, the AWS
 * SDK included so the version we tested is the version that runs), with its own log group and a role that may
 * write only to that log group.
 */
export class NewsletterFunction extends Construct {
  /** The function. */
  readonly fn: NodejsFunction;
  /** Its log group (retention set, destroyed with the stack). */
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: NewsletterFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Our own role instead of AWSLambdaBasicExecutionRole, whose log permissions cover every log group.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${props.entry} function`,
    });
    this.fn = new NodejsFunction(this, 'Function', {
      ...bundledNode22(entryPath(props.entry)),
      description: props.description,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role,
      logGroup: this.logGroup,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: `newsletter-${props.entry}`,
        NODE_OPTIONS: '--enable-source-maps',
      },
    });
    this.logGroup.grantWrite(role);
    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions::AwsSolutions-L1',
      reason:
        'Node.js 22 is the runtime this project targets and tests (the bundle smoke test runs the bundles under Node 22); moving to a newer runtime is a deliberate, tested upgrade',
    });
  }
}
