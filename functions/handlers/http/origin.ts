import { RequestError } from './request.ts';

/** The origins a browser may post a signup from: the configured site origins and the public URL's own. */
export function siteOrigins(allowedOrigins: readonly string[], publicUrl: string): ReadonlySet<string> {
  return new Set([...allowedOrigins, new URL(publicUrl).origin]);
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * Refuses a post that a page of another site made a visitor's browser send (form posts need no CORS preflight):
 * the `Origin`, or without one the `Referer`'s origin, must be one of `origins`. A request with neither header
 * (a server-side client) passes. Throws RequestError 403 `forbidden_origin`.
 */
export function checkOrigin(headers: Readonly<Record<string, string>>, origins: ReadonlySet<string>): void {
  const origin = headers.origin;
  const referer = headers.referer;
  if (origin === undefined && referer === undefined) return;
  // `Origin: null` (sandboxed frames, privacy redirects) names no site and is refused like a foreign one.
  const claimed = origin ?? originOf(referer ?? '');
  if (claimed !== undefined && origins.has(claimed)) return;
  throw new RequestError(403, 'forbidden_origin', 'requests from this site are not accepted');
}
