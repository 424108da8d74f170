import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/lambda.ts';

// The layers depend one way: core on nothing of ours, templates on core only, app on core and templates.
function sources(dir: string): string[] {
  return readdirSync(join(PROJECT_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name));
}

function localImports(file: string): string[] {
  const text = readFileSync(join(PROJECT_ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => m[1] as string);
  return specifiers.map((s) => relative(PROJECT_ROOT, resolve(PROJECT_ROOT, dirname(file), s)));
}

function outside(dir: string, allowed: string[]): string[] {
  return sources(dir).flatMap((file) =>
    localImports(file)
      .filter((target) => !allowed.some((prefix) => target.startsWith(`${prefix}/`)))
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
});
