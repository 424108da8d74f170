import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { Log } from '../../functions/app/ports/log.ts';
import { InvalidTokenError } from '../../functions/core/errors.ts';
import { type EdgeOptions, httpEdge } from '../../functions/handlers/http/edge.ts';
import type { HttpRequest } from '../../functions/handlers/http/request.ts';

type Result = APIGatewayProxyStructuredResultV2 & { headers: Record<string, string> };

const quiet: Log = { info() {}, warn() {}, error() {} };

function event(headers: Record<string, string>, body = ''): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'POST /confirm',
    rawPath: '/confirm',
    rawQueryString: '',
    headers,
    body,
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST', path: '/confirm', sourceIp: '198.51.100.7' } },
  } as unknown as APIGatewayProxyEventV2;
}

function edgeHandler(options: EdgeOptions, body: () => Promise<APIGatewayProxyStructuredResultV2>) {
  const handler = middy<APIGatewayProxyEventV2 & { parsed?: HttpRequest }, APIGatewayProxyStructuredResultV2>()
    .use(httpEdge(options))
    .handler(body);
  return async (e: APIGatewayProxyEventV2) => (await handler(e, {} as never)) as Result;
}

const badToken = async (): Promise<APIGatewayProxyStructuredResultV2> => {
  throw new InvalidTokenError('malformed');
};
const json = { 'content-type': 'application/json', accept: 'application/json' };

describe('the HTTP edge middleware', () => {
  it('answers HEAD as GET (the handler sees GET) without the body, errors included', async () => {
    const head = (e: APIGatewayProxyEventV2) =>
      ({ ...e, requestContext: { http: { method: 'HEAD', path: '/confirm', sourceIp: '198.51.100.7' } } }) as never;
    let seen = '';
    const handler = edgeHandler({ log: quiet, errors: 'page' }, async function (this: unknown) {
      return { statusCode: 200, headers: { 'Content-Type': 'text/html' }, body: '<!doctype html><p>page' };
    });
    const ok = await handler(head(event({ accept: 'text/html' })));
    expect([ok.statusCode, ok.headers['Content-Type'], ok.body]).toEqual([200, 'text/html', '']);
    const seeing = middy<APIGatewayProxyEventV2 & { parsed?: HttpRequest }, APIGatewayProxyStructuredResultV2>()
      .use(httpEdge({ log: quiet }))
      .handler(async (e) => {
        seen = e.parsed?.method ?? '';
        return { statusCode: 200, body: 'x' };
      });
    await seeing(head(event({})), {} as never);
    expect(seen).toBe('GET');
    const failed = await edgeHandler({ log: quiet, errors: 'page' }, badToken)(head(event({ accept: 'text/html' })));
    expect([failed.statusCode, failed.body]).toEqual([400, '']);
  });

  it('answers errors with the JSON contract to a client that did not ask for a page, by default', async () => {
    const res = await edgeHandler({ log: quiet }, badToken)(event(json));
    expect(res.statusCode).toBe(400);
    expect(res.headers['Content-Type']).toMatch(/^application\/json/);
    expect(JSON.parse(String(res.body))).toEqual({
      error: { code: 'invalid_token', message: 'the link is invalid or has expired' },
    });
  });

  it("with errors: 'page', answers every error with a page, also one raised before the handler", async () => {
    const pages = edgeHandler({ log: quiet, errors: 'page' }, badToken);
    const invalid = await pages(event(json));
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers['Content-Type']).toMatch(/^text\/html/);
    expect(String(invalid.body)).toMatch(/<!doctype html>/i);
    // An oversized body fails while the request is parsed, before the handler runs.
    const tooBig = await pages(event(json, 'x'.repeat(9 * 1024)));
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.headers['Content-Type']).toMatch(/^text\/html/);
  });

  it('adds no CORS headers: API Gateway (and locally the runner) answers CORS', async () => {
    const ok = edgeHandler({ log: quiet }, async () => ({ statusCode: 200, headers: {}, body: '' }));
    const res = await ok(event({ ...json, origin: 'https://example.org' }));
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.headers).map((h) => h.toLowerCase())).not.toContain('access-control-allow-origin');
    const failed = await edgeHandler({ log: quiet }, badToken)(event({ ...json, origin: 'https://example.org' }));
    expect(Object.keys(failed.headers).map((h) => h.toLowerCase())).not.toContain('access-control-allow-origin');
  });
});
