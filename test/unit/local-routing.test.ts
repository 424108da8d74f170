import { describe, expect, it } from 'vitest';
import { type HttpHandler, type LocalRoute, matcher } from '../../local/routing.ts';

const handler = (async () => ({ statusCode: 200 })) as HttpHandler;
const route = (key: string): LocalRoute => ({ key, handler, iam: false, deployed: true });

describe("the local runner's route matching (as API Gateway's)", () => {
  const find = matcher([route('GET /desk'), route('GET /desk/{proxy+}'), route('GET /archive/{language}')]);

  it('routes a path with a trailing slash that matches nothing as the path without it (/desk/ to GET /desk)', () => {
    expect(find('GET', '/desk/')?.route.key).toBe('GET /desk');
    expect(find('GET', '/desk')?.route.key).toBe('GET /desk');
    expect(find('GET', '/archive/en/')?.route.key).toBe('GET /archive/{language}');
    expect(find('POST', '/desk/')).toBeUndefined();
    expect(find('GET', '/')).toBeUndefined();
  });

  it('gives a greedy parameter the rest of the path, slashes included', () => {
    expect(find('GET', '/desk/config.json')).toEqual({
      route: expect.objectContaining({ key: 'GET /desk/{proxy+}' }),
      pathParameters: { proxy: 'config.json' },
    });
    expect(find('GET', '/desk/assets/desk.0a1b.js')?.pathParameters).toEqual({ proxy: 'assets/desk.0a1b.js' });
  });
});
