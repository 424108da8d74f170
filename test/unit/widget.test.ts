import { Script } from 'node:vm';
import { gzipSync } from 'node:zlib';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { widgetAssets, widgetMessages } from '../../templates/widget/assets.ts';
import { widgetSnippet } from '../../templates/widget/snippet.ts';
import { WIDGET_CSS } from '../../templates/widget/style.ts';

type Handler = typeof import('../../functions/handlers/widget.ts')['handler'];
let handler: Handler;

beforeAll(async () => {
  process.env.PUBLIC_URL = 'https://api.example.org/';
  process.env.PRIVACY_URL = 'https://outlet.example.org/privacy';
  ({ handler } = await import('../../functions/handlers/widget.ts'));
});

function get(path: string, query: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const event = {
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers,
    requestContext: { http: { method: 'GET', path } },
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
  } as unknown as APIGatewayProxyEventV2;
  return handler(event);
}

describe('the widget assets', () => {
  it('keeps the served widget.js, with its styles and every language, under 10 KB unminified', async () => {
    const body = String((await get('/widget.js')).body);
    expect(Buffer.byteLength(body, 'utf8')).toBeLessThan(10 * 1024);
    expect(gzipSync(body).length).toBeLessThan(5 * 1024);
    expect(body).toContain(JSON.stringify(WIDGET_CSS));
    const messages = widgetMessages();
    for (const lang of ['en', 'be', 'ru']) {
      const catalogue = messages[lang] ?? {};
      expect(Object.keys(catalogue)).toEqual(
        expect.arrayContaining([
          'label.email',
          'label.language',
          'button',
          'consent',
          'privacy',
          'success',
          'invalid',
          'tooMany',
        ]),
      );
      for (const text of Object.values(catalogue)) expect(body).toContain(JSON.stringify(text));
    }
    expect(body).toMatch(/"en":\{"title":.*"be":\{"title":.*"ru":\{"title":/);
    expect(new Set(['en', 'be', 'ru'].map((lang) => messages[lang]?.invalid)).size).toBe(3);
  });

  it('is served readable, as written: indented and without comments', () => {
    const { js } = widgetAssets();
    expect(js.body).toMatch(/\n {6}const email = /);
    expect(js.body).not.toMatch(/\/\*|^\s*\/\/ /m);
    expect(js.body).not.toContain('widget.css');
  });

  it('fills every placeholder and yields a script that parses', () => {
    const { js } = widgetAssets({ api: 'https://api.example.org/', privacy: 'https://outlet.example.org/privacy' });
    expect(js.body).not.toMatch(/__(CSS|CSS_VERSION|MESSAGES|DEFAULTS)__/);
    expect(js.body).toContain('"api":"https://api.example.org"');
    expect(() => new Script(js.body)).not.toThrow();
  });

  it('has the same messages in every language', () => {
    const messages = widgetMessages();
    const keys = Object.keys(messages.en ?? {}).sort();
    expect(keys).toEqual(expect.arrayContaining(['button', 'invalid', 'network', 'success', 'tooMany']));
    for (const lang of ['be', 'ru']) expect(Object.keys(messages[lang] ?? {}).sort()).toEqual(keys);
    expect(messages.be?.title).toBe('Рассылка «Беларусь за тыдзень»');
  });

  it('changes its version when its content changes', () => {
    expect(widgetAssets({ api: 'https://a.example' }).js.version).not.toBe(
      widgetAssets({ api: 'https://b.example' }).js.version,
    );
    expect(widgetAssets().js.version).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe('the widget snippet', () => {
  const snippet = widgetSnippet({
    apiUrl: 'https://api.example.org/',
    version: 'abc123',
    language: 'be',
    privacyUrl: 'https://outlet.example.org/privacy?a=1&b=2',
  });

  it('is two lines: the deferred script and a form that posts without JavaScript', () => {
    const [script, form, ...rest] = snippet.split('\n');
    expect(rest).toEqual([]);
    expect(script).toBe('<script src="https://api.example.org/widget.js?v=abc123" defer></script>');
    expect(form).toMatch(/^<form data-belarus-weekly method="post" action="https:\/\/api.example.org\/subscribe">/);
    expect(form).toContain('<option value="be" lang="be" selected>');
  });

  it('hides the honeypot from people and screen readers, and links the privacy notice', () => {
    expect(snippet).toMatch(
      /<span hidden><label>[^<]+ <input name="website" type="text" tabindex="-1" autocomplete="off"><\/label><\/span>/,
    );
    expect(snippet).toContain('href="https://outlet.example.org/privacy?a=1&amp;b=2"');
  });
});

describe('GET /widget.js and /widget.css', () => {
  it('caches a versioned URL for a year and an unversioned one for minutes', async () => {
    const plain = await get('/widget.js');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers?.['Cache-Control']).toBe('public, max-age=300');
    const version = String(plain.headers?.ETag).replaceAll('"', '');
    const pinned = await get('/widget.js', { v: version });
    expect(pinned.headers?.['Cache-Control']).toBe('public, max-age=31536000, immutable');
    expect(pinned.headers?.['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/widget.js', { v: 'stale' })).headers?.['Cache-Control']).toBe('public, max-age=300');
  });

  it('bakes in PUBLIC_URL and PRIVACY_URL', async () => {
    const body = String((await get('/widget.js')).body);
    expect(body).toContain('{"api":"https://api.example.org","privacy":"https://outlet.example.org/privacy"}');
  });

  it('serves the stylesheet and answers a matching ETag with 304', async () => {
    const css = await get('/widget.css');
    expect(css.headers?.['Content-Type']).toBe('text/css; charset=utf-8');
    expect(css.body).toContain(':host{');
    const again = await get('/widget.css', {}, { 'if-none-match': String(css.headers?.ETag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('answers other paths with 404', async () => {
    expect((await get('/widget.html')).statusCode).toBe(404);
  });
});
