import { createHash, timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';

/** The credentials the local runner accepts, as API Gateway accepts the account's IAM principals. */
export interface RunnerCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
}

/** A request as it arrived: raw path and query, lower-cased headers, the body's bytes. */
export interface ArrivedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** The outcome: the caller's access key, or why the request is refused. */
export type Verdict = { ok: true; accessKey: string } | { ok: false; reason: string };

const SERVICE = 'execute-api';
const MAX_SKEW_MS = 5 * 60_000;
const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

function amzDate(value: string | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

/**
 * Checks a SigV4 signature (service `execute-api`) as API Gateway's IAM authorization does: the runner's own access
 * key and region, `host` and `x-amz-date` among the signed headers, the date within 5 minutes of `now`, the body's
 * hash. The expected signature is computed by the SDK's signer over the signed headers only, then compared in
 * constant time.
 */
export async function verifySigV4(req: ArrivedRequest, creds: RunnerCredentials, now: number): Promise<Verdict> {
  const m = AUTH.exec(req.headers.authorization ?? '');
  if (!m) return { ok: false, reason: 'missing or malformed Authorization header' };
  const [, accessKey, day, region, service, signedList, signature] = m as unknown as string[];
  if (accessKey !== creds.accessKeyId) return { ok: false, reason: 'unknown access key' };
  if (region !== creds.region || service !== SERVICE) return { ok: false, reason: 'wrong credential scope' };
  const signed = (signedList as string).split(';');
  if (!signed.includes('host') || !signed.includes('x-amz-date'))
    return { ok: false, reason: 'host and x-amz-date must be signed' };
  const date = amzDate(req.headers['x-amz-date']);
  if (!date || Math.abs(now - date.getTime()) > MAX_SKEW_MS || req.headers['x-amz-date']?.slice(0, 8) !== day)
    return { ok: false, reason: 'request date is missing or more than 5 minutes off' };
  const bodyHash = createHash('sha256').update(req.body).digest('hex');
  const declared = req.headers['x-amz-content-sha256'];
  if (declared !== undefined && declared !== bodyHash) return { ok: false, reason: 'body does not match its hash' };
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = req.headers[name];
    if (value === undefined) return { ok: false, reason: `signed header ${name} is missing` };
    headers[name] = value;
  }
  const signer = new SignatureV4({
    service: SERVICE,
    region: creds.region,
    credentials: { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey },
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: false,
  });
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(req.query.keys())) {
    const all = req.query.getAll(key);
    query[key] = all.length === 1 ? (all[0] as string) : all;
  }
  const expected = await signer.sign(
    {
      method: req.method,
      protocol: 'http:',
      hostname: headers.host ?? '',
      path: req.path,
      query,
      headers,
      body: req.body.length > 0 ? req.body : undefined,
    },
    { signingDate: date, signableHeaders: new Set(signed) },
  );
  const want = /Signature=([0-9a-f]{64})/.exec(String(expected.headers.authorization))?.[1] ?? '';
  const same = want.length === 64 && timingSafeEqual(Buffer.from(want), Buffer.from(signature as string));
  return same ? { ok: true, accessKey } : { ok: false, reason: 'signature does not match' };
}
