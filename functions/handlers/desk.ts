import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import desk from '../../templates/compiled/desk.json' with { type: 'json' };
import { deskConfig, deskCsp, deskShell } from '../../templates/desk-shell.ts';
import { IMMUTABLE } from './http/asset.ts';

// The editors' desk (issue 22): the shell, its hashed script and stylesheet (built from desk/ by
// `npm run build:templates`) and its sign-in configuration. No table, no secrets, no AWS SDK.

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
    return { statusCode: 200, headers, body: deskShell() };
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
