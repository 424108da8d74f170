import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import desk from '../../templates/compiled/desk.json' with { type: 'json' };
import { checkDeskCatalogues, STYLES } from '../../templates/desk-build.ts';

const ENV = {
  AWS_REGION: 'eu-central-1',
  DESK_AUTHORITY: 'https://desk-x.auth.eu-central-1.amazoncognito.com',
  DESK_CLIENT_ID: 'abc123',
  DESK_IDENTITY_POOL_ID: 'eu-central-1:0000',
  DESK_IDENTITY_ENDPOINT: 'https://cognito-identity.eu-central-1.amazonaws.com/',
  DESK_LOGINS_KEY: 'cognito-idp.eu-central-1.amazonaws.com/eu-central-1_X',
};
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

function get(path: string, rawQueryString = ''): APIGatewayProxyEventV2 {
  const http = { method: 'GET', path };
  return { rawPath: path, rawQueryString, headers: {}, requestContext: { http } } as APIGatewayProxyEventV2;
}

async function serve(path: string, env: Record<string, string> = ENV, query = '') {
  Object.assign(process.env, env);
  const { handler } = await import('../../functions/handlers/desk.ts');
  return handler(get(path, query));
}

describe('the desk function', () => {
  it('serves the shell uncached with a CSP that allows no inline or eval script and only the sign-in origins', async () => {
    const res = await serve('/desk/');
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['Cache-Control']).toBe('no-cache');
    const csp = String(res.headers?.['Content-Security-Policy']);
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain(
      "connect-src 'self' https://desk-x.auth.eu-central-1.amazoncognito.com https://cognito-identity.eu-central-1.amazonaws.com;",
    );
    expect(res.body).toContain(`src="${desk.js}"`);
    expect(res.body).not.toMatch(/<script>|\son\w+=/);
  });

  it('redirects /desk (API Gateway routes it and /desk/ alike) to /desk/, keeping a stage prefix and the query', async () => {
    const bare = await serve('/desk');
    expect(bare.statusCode).toBe(308);
    expect(new URL(String(bare.headers?.Location), 'https://x.test/desk').href).toBe('https://x.test/desk/');
    const staged = await serve('/prod/desk', ENV, 'code=1&state=2');
    expect(new URL(String(staged.headers?.Location), 'https://x.test/prod/desk').href).toBe(
      'https://x.test/prod/desk/?code=1&state=2',
    );
    expect((await serve('/desk/')).statusCode).toBe(200);
  });

  it('ships every stylesheet of desk/styles in the one hashed stylesheet the shell links', async () => {
    const root = join(import.meta.dirname, '..', '..');
    const css = String((await serve(`/desk/${desk.css}`)).body);
    for (const name of STYLES) expect(css).toContain(readFileSync(join(root, 'desk', 'styles', name), 'utf8'));
    expect(String((await serve('/desk/')).body)).toContain(`href="${desk.css}"`);
  });

  it('answers config.json from the environment, as the contract names it', async () => {
    const res = await serve('/stage/desk/config.json');
    expect(JSON.parse(String(res.body))).toEqual({
      region: 'eu-central-1',
      authority: ENV.DESK_AUTHORITY,
      clientId: 'abc123',
      identityPoolId: 'eu-central-1:0000',
      identityEndpoint: ENV.DESK_IDENTITY_ENDPOINT,
      loginsKey: ENV.DESK_LOGINS_KEY,
    });
  });

  it('says what is missing when the desk is not configured', async () => {
    delete process.env.DESK_CLIENT_ID;
    const res = await serve('/desk/config.json', { ...ENV, DESK_CLIENT_ID: '' });
    expect(res.statusCode).toBe(503);
    expect(String(res.body)).toContain('DESK_CLIENT_ID');
  });

  it('serves the hashed files immutable, and nothing else', async () => {
    const js = await serve(`/desk/${desk.js}`);
    expect(js.headers?.['Cache-Control']).toContain('immutable');
    expect(js.headers?.['Content-Type']).toContain('javascript');
    expect(desk.js).toMatch(/^desk-[0-9a-f]{12}\.js$/);
    expect((await serve('/desk/../admin/stats')).statusCode).toBe(404);
    expect((await serve('/desk/desk.js')).statusCode).toBe(404);
  });
});

describe('the desk browser code', () => {
  it('type-checks with the DOM library (desk/tsconfig.json; the root tsconfig has no DOM)', () => {
    const tsc = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsc');
    const run = spawnSync(tsc, ['-p', join(import.meta.dirname, '..', '..', 'desk', 'tsconfig.json'), '--noEmit'], {
      encoding: 'utf8',
    });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('the desk catalogues', () => {
  const root = join(import.meta.dirname, '..', '..');
  it('have every key in every language', async () => {
    await expect(checkDeskCatalogues(root)).resolves.toBeUndefined();
  });

  it('fail the build when a language lacks a key', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'desk-i18n-'));
    mkdirSync(join(copy, 'desk', 'i18n'), { recursive: true });
    mkdirSync(join(copy, 'templates', 'i18n'), { recursive: true });
    for (const lang of ['en', 'be', 'ru']) {
      writeFileSync(join(copy, 'templates', 'i18n', `${lang}.json`), '{}');
      const text = readFileSync(join(root, 'desk', 'i18n', `${lang}.json`), 'utf8');
      const messages = JSON.parse(text) as Record<string, string>;
      if (lang === 'be') delete messages['page.week'];
      writeFileSync(join(copy, 'desk', 'i18n', `${lang}.json`), JSON.stringify(messages));
    }
    await expect(checkDeskCatalogues(copy)).rejects.toThrow('desk/i18n/be.json: page.week is missing');
  });

  it('let a reader language without a desk catalogue build (the desk shows English for it)', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'desk-i18n-'));
    mkdirSync(join(copy, 'desk', 'i18n'), { recursive: true });
    mkdirSync(join(copy, 'templates', 'i18n'), { recursive: true });
    for (const lang of ['en', 'be', 'ru', 'uk']) writeFileSync(join(copy, 'templates', 'i18n', `${lang}.json`), '{}');
    for (const lang of ['en', 'be', 'ru']) {
      const text = readFileSync(join(root, 'desk', 'i18n', `${lang}.json`), 'utf8');
      writeFileSync(join(copy, 'desk', 'i18n', `${lang}.json`), text);
    }
    await expect(checkDeskCatalogues(copy)).resolves.toBeUndefined();
  });
});
