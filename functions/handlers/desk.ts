import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import desk from '../../templates/compiled/desk.json' with { type: 'json' };
import { IMMUTABLE } from './http/asset.ts';

// The editors' desk (issue 22): the HTML shell, its hashed script and stylesheet (built from desk/ by
// `npm run build:templates`) and its sign-in configuration. No table, no secrets, no AWS SDK.
const httpUrl = z.url({ protocol: /^https?$/ });
const envSchema = z.object({
  AWS_REGION: z.string().check(z.minLength(1)),
  DESK_AUTHORITY: httpUrl,
  DESK_CLIENT_ID: z.string().check(z.minLength(1)),
  DESK_IDENTITY_POOL_ID: z.string().check(z.minLength(1)),
  DESK_IDENTITY_ENDPOINT: httpUrl,
  DESK_LOGINS_KEY: z.string().check(z.minLength(1)),
});

/** The desk's configuration from the environment, or the one line that says what is missing. */
export function deskConfig(env: Record<string, string | undefined>) {
  const result = envSchema.safeParse(env);
  if (!result.success)
    return {
      error: `desk not configured: ${result.error.issues.map((i) => i.path.join('.')).join(', ')} missing or invalid`,
    };
  const e = result.data;
  return {
    config: {
      region: e.AWS_REGION,
      authority: e.DESK_AUTHORITY.replace(/\/+$/, ''),
      clientId: e.DESK_CLIENT_ID,
      identityPoolId: e.DESK_IDENTITY_POOL_ID,
      identityEndpoint: e.DESK_IDENTITY_ENDPOINT,
      loginsKey: e.DESK_LOGINS_KEY,
    },
  };
}

/** The shell's policy: scripts and styles from the desk only; calls to itself, the authority and the identity pool. */
export function deskCsp(config: { authority: string; identityEndpoint: string } | undefined): string {
  const origins = config ? [new URL(config.authority).origin, new URL(config.identityEndpoint).origin] : [];
  const connect = ["'self'", ...new Set(origins)].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    // The digest preview (an iframe's srcdoc inherits this policy) is an e-mail: its styles are inline.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src ${connect}`,
    "frame-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function shell(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Editors' desk</title>
<link rel="stylesheet" href="${desk.css}">
<script type="module" src="${desk.js}"></script>
</head>
<body>
<div id="app"><main id="main"><h1>Editors' desk</h1><p role="status">Loading…</p></main></div>
<noscript><p>The editors' desk needs JavaScript.</p></noscript>
</body>
</html>
`;
}

const SECURITY = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
const files = desk.files as Record<string, { type: string; body: string }>;

/** `GET /desk` (a redirect), `GET /desk/`, `GET /desk/config.json` and `GET /desk/<hashed file>`. */
export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const answer = serve(event);
  return event.requestContext?.http?.method === 'HEAD' ? { ...answer, body: '' } : answer;
}

function serve(event: APIGatewayProxyEventV2): APIGatewayProxyStructuredResultV2 {
  const path = event.rawPath ?? event.requestContext.http.path;
  // API Gateway routes both `/desk` and `/desk/` here: only the raw path tells them apart. Relative, so a stage
  // prefix or a custom domain's base path stays.
  if (/\/desk$/.test(path)) {
    const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
    return { statusCode: 308, headers: { ...SECURITY, Location: `desk/${query}` }, body: '' };
  }
  const name = /\/desk\/(.*)$/.exec(path)?.[1];
  const found = deskConfig(process.env);
  if (name === '') {
    const headers = {
      ...SECURITY,
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': deskCsp(found.config),
    };
    return { statusCode: 200, headers, body: shell() };
  }
  if (name === 'config.json') {
    const headers = { ...SECURITY, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' };
    if (found.error) return { statusCode: 503, headers, body: JSON.stringify({ message: found.error }) };
    return { statusCode: 200, headers, body: JSON.stringify(found.config) };
  }
  const file = name === undefined ? undefined : files[name];
  if (file) {
    const headers = { ...SECURITY, 'Content-Type': file.type, 'Cache-Control': IMMUTABLE };
    return { statusCode: 200, headers, body: file.body };
  }
  return {
    statusCode: 404,
    headers: { ...SECURITY, 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ error: { code: 'not_found', message: 'no such desk file' } }),
  };
}
