import * as z from 'zod/mini';
import desk from './compiled/desk.json' with { type: 'json' };

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

/** The desk's HTML shell: its hashed stylesheet and script, and what shows before the script runs. */
export function deskShell(): string {
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
