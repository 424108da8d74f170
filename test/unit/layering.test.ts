import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/lambda.ts';

// The layers depend one way: core on nothing of ours, templates on core only, app on core and templates; handlers
// take what they need from wiring (the one composition root), which builds the adapters and never imports a handler.
function sources(dir: string): string[] {
  return readdirSync(join(PROJECT_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name));
}

function localImports(file: string): string[] {
  const text = readFileSync(join(PROJECT_ROOT, file), 'utf8');
  const specifiers = [
    ...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms),
    // A dynamic import is a dependency too (the confirm function loads its mailer on first use).
    ...text.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g),
  ].map((m) => m[1] as string);
  return specifiers.map((s) => relative(PROJECT_ROOT, resolve(PROJECT_ROOT, dirname(file), s)));
}

function outside(dir: string, allowed: string[]): string[] {
  return sources(dir).flatMap((file) =>
    localImports(file)
      .filter((target) => !allowed.some((prefix) => target.startsWith(`${prefix}/`)))
      .map((target) => `${file} -> ${target}`),
  );
}

function into(dir: string, forbidden: string[]): string[] {
  return sources(dir).flatMap((file) =>
    localImports(file)
      .filter((target) => forbidden.some((prefix) => target.startsWith(`${prefix}/`)))
      .map((target) => `${file} -> ${target}`),
  );
}

describe('dependencies between layers', () => {
  it('core imports nothing outside functions/core', () => {
    expect(outside('functions/core', ['functions/core'])).toEqual([]);
  });

  it('templates import only themselves and core', () => {
    expect(outside('templates', ['templates', 'functions/core'])).toEqual([]);
  });

  it('app imports only itself, core and templates', () => {
    expect(outside('functions/app', ['functions/app', 'functions/core', 'templates'])).toEqual([]);
  });

  it('handlers import no adapters: every adapter is built in functions/wiring', () => {
    expect(into('functions/handlers', ['functions/adapters'])).toEqual([]);
  });

  it('wiring imports no handlers', () => {
    expect(into('functions/wiring', ['functions/handlers'])).toEqual([]);
  });

  it('adapters import only themselves, core and the ports and types of app', () => {
    expect(into('functions/adapters', ['functions/handlers', 'functions/wiring'])).toEqual([]);
  });
});
