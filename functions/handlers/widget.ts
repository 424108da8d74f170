import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { faviconIco, robotsTxt } from '../../templates/site-files.ts';
import { widgetAssets } from '../../templates/widget/assets.ts';
import { serveAsset } from './http/asset.ts';

// Only what the widget needs: no table, no secrets, no AWS SDK, so the bundle stays tiny and cold starts short.
const httpUrl = z.url({ protocol: /^https?$/ });
const envSchema = z.object({
  PUBLIC_URL: httpUrl,
  PRIVACY_URL: z.optional(httpUrl),
  BRAND_COLOUR: z.optional(z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/))),
});

function loadEnv(env: Record<string, string | undefined>) {
  const result = envSchema.safeParse(env);
  if (result.success) return result.data;
  const keys = result.error.issues.map((i) => `${i.path.join('.')} is missing or invalid`);
  throw new Error(`invalid configuration: ${keys.join('; ')}`);
}

const env = loadEnv(process.env);
const assets = widgetAssets({ api: env.PUBLIC_URL, privacy: env.PRIVACY_URL });

const DAY = 'public, max-age=86400';
const robots = robotsTxt(env.PUBLIC_URL.replace(/\/+$/, ''));
const favicon = faviconIco(env.BRAND_COLOUR).toString('base64');

/**
 * `GET /widget.js` and `GET /widget.css`: the embeddable signup widget, long-cached under `?v=<content hash>`; and the
 * site files `GET /robots.txt` and `GET /favicon.ico`.
 */
export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const answer = serve(event);
  // HEAD answers as GET, without the body.
  return event.requestContext?.http?.method === 'HEAD' ? { ...answer, body: '' } : answer;
}

function serve(event: APIGatewayProxyEventV2): APIGatewayProxyStructuredResultV2 {
  const path = event.rawPath ?? event.requestContext.http.path;
  if (path.endsWith('/widget.js')) return serveAsset(assets.js, event);
  if (path.endsWith('/widget.css')) return serveAsset(assets.css, event);
  if (path === '/robots.txt') {
    return {
      statusCode: 200,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': DAY },
      body: robots,
    };
  }
  if (path === '/favicon.ico') {
    const headers = { 'Content-Type': 'image/x-icon', 'Cache-Control': DAY };
    return { statusCode: 200, headers, body: favicon, isBase64Encoded: true };
  }
  return {
    statusCode: 404,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ error: { code: 'not_found', message: 'no such file' } }),
  };
}

/** The served widget's current versions, for building snippets and `?v=` URLs. */
export function widgetVersions(): { js: string; css: string } {
  return { js: assets.js.version, css: assets.css.version };
}
