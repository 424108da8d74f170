import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../infra/functions.ts';
import { loadRoutes } from '../../local/routes.ts';
import { useLocalStack } from '../support/local.ts';

const SITE = 'https://site.example';
const stack = useLocalStack({ ALLOWED_ORIGINS: SITE });

const subscribeFrom = (origin: string) =>
  fetch(`${stack.current.apiUrl}/subscribe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, 'x-forwarded-for': '203.0.113.50' },
    body: JSON.stringify({ email: `cors.${origin.length}@example.org`, language: 'en' }),
  });

describe('CORS in the local runner (as API Gateway answers it on AWS)', () => {
  it('answers the preflight for an allowed origin only, with the stack’s methods and headers', async () => {
    const preflight = (origin: string) =>
      fetch(`${stack.current.apiUrl}/subscribe`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight(SITE);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(allowed.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(allowed.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(allowed.headers.get('access-control-max-age')).toBe('3600');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("adds the allowed origin to the API's answers, though the function itself sends no CORS header", async () => {
    const allowed = await subscribeFrom(SITE);
    expect(allowed.status).toBe(202);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(allowed.headers.get('vary')).toBe('Origin');
    // Another site gets no CORS header (and subscribe refuses its cross-site post).
    const other = await subscribeFrom('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    // The same handler called as Lambda would call it: no CORS header of its own.
    const { handler } = (await import('../../functions/handlers/subscribe.ts')) as unknown as {
      handler: (e: APIGatewayProxyEventV2, c: Context) => Promise<APIGatewayProxyStructuredResultV2>;
    };
    const direct = await handler(
      {
        version: '2.0',
        routeKey: 'POST /subscribe',
        rawPath: '/subscribe',
        rawQueryString: '',
        headers: { 'content-type': 'application/json', origin: SITE },
        body: JSON.stringify({ email: 'cors.direct@example.org', language: 'en' }),
        isBase64Encoded: false,
        requestContext: { requestId: 'direct', http: { method: 'POST', path: '/subscribe', sourceIp: '203.0.113.51' } },
      } as unknown as APIGatewayProxyEventV2,
      { awsRequestId: 'direct' } as Context,
    );
    expect(direct.statusCode).toBe(202);
    expect(Object.keys(direct.headers ?? {}).map((h) => h.toLowerCase())).not.toContain('access-control-allow-origin');
  });

  it("adds no CORS header to the runner's own pages", async () => {
    const home = await fetch(`${stack.current.apiUrl}/`, { headers: { origin: SITE } });
    expect(home.status).toBe(200);
    expect(home.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe("the local runner's routes", () => {
  it('are the routes the stack deploys, each to the same handler module as on Lambda', async () => {
    const deployed = Object.values(FUNCTIONS).flatMap((f) => f.routes ?? []);
    const routes = await loadRoutes({
      env: stack.current.env,
      sesUrl: stack.current.sesUrl,
      dispatch: () => stack.current.dispatch(),
    });
    expect(
      routes
        .filter((r) => r.deployed)
        .map((r) => r.key)
        .sort(),
    ).toEqual([...deployed].sort());
    const subscribe = await import('../../functions/handlers/subscribe.ts');
    expect(routes.find((r) => r.key === 'POST /subscribe')?.handler).toBe(subscribe.handler);
    // The editors' routes need a signature, as they need IAM on AWS.
    const iam = Object.values(FUNCTIONS).flatMap((f) => (f.authorization === 'iam' ? (f.routes ?? []) : []));
    expect(
      routes
        .filter((r) => r.iam)
        .map((r) => r.key)
        .sort(),
    ).toEqual([...iam].sort());
    // The runner's own pages are not part of the deployed API.
    for (const route of routes.filter((r) => !r.deployed)) expect(deployed).not.toContain(route.key);
  });
});
