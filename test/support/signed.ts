import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import type { LocalStack } from '../../local/stack.ts';

/** How to sign (and then alter) a request to the local editors' API; defaults: the runner's credentials, now. */
export interface SignOptions {
  readonly body?: string;
  readonly contentType?: string;
  readonly accept?: string;
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  /** A session token (temporary credentials), sent and signed as X-Amz-Security-Token. */
  readonly sessionToken?: string;
  readonly signingDate?: Date;
  /** Sign `x-amz-content-sha256` too (the SDK's default). */
  readonly applyChecksum?: boolean;
  /** Extra headers signed along. */
  readonly signed?: Record<string, string>;
  /** Leave `host` out of the signed headers. */
  readonly unsignedHost?: boolean;
  /** What is sent instead of the signed body. */
  readonly sendBody?: string;
  /** Signed headers not sent. */
  readonly drop?: readonly string[];
}

/** Sends a SigV4-signed request (service execute-api) to the stack's API, computed by the SDK's signer. */
export async function signedFetch(stack: LocalStack, method: string, path: string, o: SignOptions = {}) {
  const url = new URL(`${stack.apiUrl}${path}`);
  const signer = new SignatureV4({
    service: 'execute-api',
    region: stack.env.AWS_REGION as string,
    credentials: {
      accessKeyId: o.accessKeyId ?? (stack.env.AWS_ACCESS_KEY_ID as string),
      secretAccessKey: o.secretAccessKey ?? (stack.env.AWS_SECRET_ACCESS_KEY as string),
      ...(o.sessionToken ? { sessionToken: o.sessionToken } : {}),
    },
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: o.applyChecksum ?? true,
  });
  const headers: Record<string, string> = {
    ...(o.unsignedHost ? {} : { host: url.host }),
    ...(o.contentType ? { 'content-type': o.contentType } : {}),
    ...(o.accept ? { accept: o.accept } : {}),
    ...o.signed,
  };
  const signed = await signer.sign(
    {
      method,
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      ...(o.body === undefined ? {} : { body: o.body }),
    },
    o.signingDate ? { signingDate: o.signingDate } : {},
  );
  const sent: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers as Record<string, string>))
    if (k !== 'host' && !o.drop?.includes(k)) sent[k] = v;
  const body = o.sendBody ?? o.body;
  return fetch(url, { method, headers: sent, ...(body === undefined ? {} : { body }) });
}
