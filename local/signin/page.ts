import { createHash } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { escapeHtml } from '../../functions/core/html.ts';

const STYLE = [
  'body{margin:0;background:#f6f5f1;color:#1d1d1b;font:1rem/1.5 system-ui,sans-serif}',
  'main{box-sizing:border-box;width:calc(100% - 1.5rem);max-width:24rem;margin:3rem auto;padding:1.5rem;background:#fff;border:1px solid #d8d4c8;border-radius:.5rem}',
  'h1{font-size:1.375rem;margin:0 0 .25rem}p.note{margin:0 0 1.25rem;color:#5c5a52;font-size:.875rem}',
  'label{display:block;font-weight:600;margin:.75rem 0 .25rem}',
  'input{box-sizing:border-box;width:100%;font:inherit;padding:.5rem;border:1px solid #6b6859;border-radius:.25rem}',
  'button{margin-top:1.25rem;width:100%;font:inherit;font-weight:700;padding:.625rem;color:#fff;background:#0842a0;',
  'border:0;border-radius:.25rem;cursor:pointer}',
  'input:focus-visible,button:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}',
  '.error{padding:.5rem .75rem;background:#ffebe9;color:#82071e;border:1px solid #cf222e;border-radius:.25rem}',
].join('\n');
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;
const CSP = `default-src 'none'; style-src ${STYLE_HASH}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

function page(statusCode: number, title: string, main: string): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': CSP,
      'Cache-Control': 'no-store',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
    },
    body: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Belarus Weekly desk (local)</title><style>${STYLE}</style></head><body>
<main>
${main}
</main>
</body></html>
`,
  };
}

/**
 * The sign-in form (Cognito's managed login on AWS): username and password with the autocomplete hints a password
 * manager needs, the authorization request carried along in hidden fields, and an error said in words when there is one.
 */
export function signinPage(
  statusCode: number,
  request: Record<string, string>,
  o: { username?: string; error?: string } = {},
): APIGatewayProxyStructuredResultV2 {
  const hidden = Object.entries(request)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const error = o.error ? `<p class="error" role="alert" id="signin-error">${escapeHtml(o.error)}</p>\n` : '';
  const described = o.error ? ' aria-describedby="signin-error"' : '';
  return page(
    statusCode,
    'Sign in',
    `<h1>Sign in to the desk</h1>
<p class="note">Local sign-in of <code>npm start</code> (Cognito's part on AWS); the sample accounts are in the start banner.</p>
${error}<form method="post" action="/local/signin/oauth2/authorize">
${hidden}
<label for="username">Username (e-mail address)</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escapeHtml(o.username ?? '')}"${described}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${described}>
<button type="submit">Sign in</button>
</form>`,
  );
}

/** A refused authorization request: what was wrong, in words (no redirect to an address not proven to be the desk). */
export function errorPage(statusCode: number, message: string): APIGatewayProxyStructuredResultV2 {
  return page(
    statusCode,
    'Sign-in error',
    `<h1>This sign-in link is not valid</h1>\n<p class="error" role="alert">${escapeHtml(message)}</p>\n<p>Open the desk again to sign in.</p>`,
  );
}
