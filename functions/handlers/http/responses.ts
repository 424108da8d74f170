import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { PAGE_HEADERS, type PageParams, renderPage } from '../../../templates/pages.ts';
import type { Language } from '../../core/language.ts';

/** A JSON answer. */
export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/** The contract's error body: `{"error":{"code","message"}}`. */
export function jsonError(statusCode: number, code: string, message: string, headers: Record<string, string> = {}) {
  return json(statusCode, { error: { code, message } }, headers);
}

/** A server-rendered page with the security headers (CSP, nosniff, no-referrer, no framing). */
export function page(statusCode: number, lang: Language, params: PageParams): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { ...PAGE_HEADERS, 'Content-Language': lang }, body: renderPage(lang, params) };
}

/** A 303 See Other, the answer to a successful form post. */
export function seeOther(location: string): APIGatewayProxyStructuredResultV2 {
  return { statusCode: 303, headers: { Location: location, 'Cache-Control': 'no-store' }, body: '' };
}
