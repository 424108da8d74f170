import { timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { parseViewerAddress } from '../../core/client-address.ts';
import { NewsletterError } from '../../core/errors.ts';
import { isLanguage, type Language } from '../../core/language.ts';

/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 8 * 1024;

/** A failure of the HTTP request itself (size, media type, syntax), before any use case runs. */
export class RequestError extends NewsletterError {
  constructor(
    readonly status: 400 | 403 | 405 | 413 | 415,
    readonly code: string,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'RequestError';
  }
}

/** The request facts the handlers use, taken from an API Gateway v2 event. */
export interface HttpRequest {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: string;
  readonly clientAddress: string;
  /** True when a browser navigated here (a form post or a link), so it wants an HTML page back. */
  readonly wantsHtml: boolean;
}

/** The header CloudFront adds to each request it forwards, carrying the configured origin secret. */
export const ORIGIN_SECRET_HEADER = 'x-origin-secret';

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The client's address: API Gateway's source address, or, on a request that carries the configured origin secret
 * (so it came through our CloudFront distribution, whose source address is an edge server), the viewer's address
 * from `CloudFront-Viewer-Address`. Without the secret that header is anyone's invention and is ignored.
 */
function clientAddressOf(event: APIGatewayProxyEventV2, headers: Record<string, string>, originSecret?: string) {
  const viewer = originSecret && sameSecret(headers[ORIGIN_SECRET_HEADER], originSecret);
  return (viewer && parseViewerAddress(headers['cloudfront-viewer-address'])) || event.requestContext.http.sourceIp;
}

/** Converts the provider's event into an HttpRequest; throws RequestError on a body over `maxBodyBytes`. */
export function toRequest(
  event: APIGatewayProxyEventV2,
  options: { maxBodyBytes?: number; originSecret?: string } = {},
): HttpRequest {
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = v;
  const raw = event.body ?? '';
  const body = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(body) > maxBodyBytes) {
    throw new RequestError(413, 'payload_too_large', `request body is larger than ${maxBodyBytes} bytes`);
  }
  const accept = headers.accept ?? '';
  return {
    method: event.requestContext.http.method.toUpperCase(),
    headers,
    query: new URLSearchParams(event.rawQueryString ?? ''),
    body,
    clientAddress: clientAddressOf(event, headers, options.originSecret),
    wantsHtml: /text\/html/.test(accept) && !/application\/json/.test(headers['content-type'] ?? ''),
  };
}

/** Parses a JSON or form body into a plain object; throws RequestError for other media types or bad syntax. */
export function parseBody(req: HttpRequest): unknown {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') {
    try {
      return JSON.parse(req.body) as unknown;
    } catch (error) {
      throw new RequestError(400, 'invalid_json', 'request body is not valid JSON', { cause: error });
    }
  }
  if (type === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(req.body);
    const out: Record<string, string | string[]> = {};
    for (const key of new Set(form.keys())) {
      const values = form.getAll(key);
      out[key] = values.length === 1 ? (values[0] ?? '') : values;
    }
    return out;
  }
  throw new RequestError(415, 'unsupported_media_type', 'send application/json or application/x-www-form-urlencoded');
}

/** The page language: an explicit `lang`/`language` parameter, else Accept-Language, else English. */
export function pageLanguage(req: HttpRequest): Language {
  const explicit = req.query.get('lang') ?? req.query.get('language');
  if (isLanguage(explicit)) return explicit;
  for (const part of (req.headers['accept-language'] ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase().split(/[-_]/)[0];
    if (isLanguage(tag)) return tag;
  }
  return 'en';
}
