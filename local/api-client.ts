import { readFileSync } from 'node:fs';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import { NewsletterError } from '../functions/core/errors.ts';
import { roleOfRequest } from '../infra/routes.ts';
import { type AwsCredentials, credentialsFrom } from './aws-credentials.ts';

/** A failure to report as one clear line with a non-zero exit code. */
export class CliError extends NewsletterError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'CliError';
  }
}

/** Where the CLI sends its requests and how it signs them. */
export interface ApiTarget {
  readonly baseUrl: string;
  readonly region: string;
  readonly credentials: AwsCredentials;
}

/** An answer of the editors' API. */
export interface ApiAnswer {
  readonly status: number;
  readonly text: string;
  json<T>(): T;
}

type Env = Record<string, string | undefined>;

function apiUrlFromOutputs(file: string): string {
  let outputs: Record<string, Record<string, string>>;
  try {
    outputs = JSON.parse(readFileSync(file, 'utf8')) as typeof outputs;
  } catch (error) {
    throw new CliError(`cannot read the outputs file ${file}: ${(error as Error).message}`);
  }
  const url = Object.values(outputs).find((stack) => typeof stack?.ApiUrl === 'string')?.ApiUrl;
  if (!url) throw new CliError(`${file} names no ApiUrl (write it with npx cdk deploy --outputs-file ${file})`);
  return url;
}

/**
 * The API to talk to: `--api URL`, else the `ApiUrl` of `--outputs FILE`, else the `npm start` stack on PORT.
 * A chosen URL is signed with the SDK's default credential chain (environment, AWS_PROFILE, SSO) and the URL's
 * region (else AWS_REGION); the default local stack with the runner's own credentials, AWS_ACCESS_KEY_ID /
 * AWS_SECRET_ACCESS_KEY if set, else `local` / `local`, so a newcomer's own AWS profile never gets in the way.
 */
export function resolveTarget(options: { api?: string; outputs?: string }, env: Env): ApiTarget {
  const chosen = options.api ?? (options.outputs ? apiUrlFromOutputs(options.outputs) : undefined);
  const fallbackRegion = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'eu-central-1';
  if (!chosen) {
    return {
      baseUrl: `http://127.0.0.1:${env.PORT ?? 3000}`,
      region: env.AWS_REGION ?? 'eu-central-1',
      credentials: {
        accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local',
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'local',
      },
    };
  }
  let url: URL;
  try {
    url = new URL(chosen);
  } catch {
    throw new CliError(`--api must be a URL like https://api.example.org, not ${chosen}`);
  }
  const region = /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(url.hostname)?.[1] ?? fallbackRegion;
  const credentials = credentialsFrom(env);
  return { baseUrl: chosen.replace(/\/+$/, ''), region, credentials };
}

/** A SigV4-signed client of the editors' API whose failures are one-line CliErrors. */
export class AdminApi {
  private readonly signer: SignatureV4;

  constructor(private readonly target: ApiTarget) {
    this.signer = new SignatureV4({
      service: 'execute-api',
      region: target.region,
      credentials: target.credentials,
      sha256: Hash.bind(null, 'sha256'),
    });
  }

  /** Sends one signed request; resolves for 2xx, throws CliError for anything else. */
  async request(method: string, path: string, options: { body?: unknown; accept?: string } = {}): Promise<ApiAnswer> {
    const url = new URL(`${this.target.baseUrl}${path}`);
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string> = {
      host: url.host,
      accept: options.accept ?? 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    };
    let signed: { headers: Record<string, string> };
    try {
      signed = await this.signer.sign({
        method,
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port ? { port: Number(url.port) } : {}),
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers,
        ...(body === undefined ? {} : { body }),
      });
    } catch (error) {
      throw new CliError(`no AWS credentials to sign with: ${(error as Error).message}`, { cause: error });
    }
    let res: Response;
    try {
      const { host: _host, ...sent } = signed.headers;
      res = await fetch(url, { method, headers: sent, ...(body === undefined ? {} : { body }) });
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code ?? '';
      const why = code === 'ECONNREFUSED' ? 'connection refused' : code || (error as Error).message;
      const hint = this.target.baseUrl.startsWith('http://127.0.0.1') ? '; is `npm start` running?' : '';
      throw new CliError(`cannot reach ${this.target.baseUrl} (${why})${hint}`, { cause: error });
    }
    const text = await res.text();
    if (res.status === 403) {
      const [api, policy] =
        roleOfRequest(method, url.pathname) === 'subscriber-data'
          ? ["the data requests' API", 'SubscriberDataPolicyArn']
          : ["the editors' API", 'EditorsPolicyArn'];
      throw new CliError(
        `403 Forbidden from ${this.target.baseUrl}: sign with credentials allowed to call ${api} (attach the stack's ${policy} policy to your user or role; locally, the runner's AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)`,
      );
    }
    if (res.status >= 400) {
      let message = text.trim().slice(0, 300);
      try {
        message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
      } catch {}
      throw new CliError(`${res.status}: ${message}`);
    }
    return { status: res.status, text, json: <T>() => JSON.parse(text) as T };
  }
}
