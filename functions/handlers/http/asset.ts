import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** A static file served with a content version (the widget's script and stylesheet). */
export interface VersionedAsset {
  readonly body: string;
  readonly contentType: string;
  /** A hash of the body: the `?v=` of its long-cached URL and its ETag. */
  readonly version: string;
}

/** The long-lived cache policy of a versioned URL; anything else may change under the same URL. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=300';

/**
 * Answers a request for a versioned asset: cached for a year under its own `?v=`, for minutes otherwise; `304` to a
 * matching `If-None-Match`. Public and embeddable by other sites (which may check it with SRI).
 */
export function serveAsset(asset: VersionedAsset, event: APIGatewayProxyEventV2): APIGatewayProxyStructuredResultV2 {
  const etag = `"${asset.version}"`;
  const headers = {
    'Content-Type': asset.contentType,
    'Cache-Control': event.queryStringParameters?.v === asset.version ? IMMUTABLE : SHORT,
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
    'Access-Control-Allow-Origin': '*',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  };
  const ifNoneMatch = event.headers?.['if-none-match'] ?? event.headers?.['If-None-Match'];
  if (ifNoneMatch === etag) return { statusCode: 304, headers, body: '' };
  return { statusCode: 200, headers, body: asset.body };
}
