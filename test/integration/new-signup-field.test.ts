import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LocalProcess, startLocalProcess } from '../support/local-process.ts';
import { copyProject, runTsx } from '../support/project-copy.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FORM = join('functions', 'core', 'signup-form.ts');
const EN = join('templates', 'i18n', 'en.json');
const LABEL = 'Your organisation';

/**
 * The files a field takes: its entry in SIGNUP_FORM and its label in en.json (the other catalogues show the English
 * label until someone translates it). An optional text answer of at most 80 characters.
 */
function addOrganisation(project: string): void {
  const form = readFileSync(join(project, FORM), 'utf8');
  const field =
    "    {\n      name: 'organisation',\n      kind: 'input',\n      label: 'form.organisation.label',\n" +
    "      attributes: { type: 'text', autocomplete: 'organization', maxlength: '80' },\n" +
    '      value: z.optional(z.string().check(z.maxLength(80))),\n' +
    "      error: { code: 'invalid_organisation', message: 'organisation must be a text of at most 80 characters' },\n" +
    '    },\n';
  const at = form.indexOf("    {\n      name: 'website',");
  expect(at).toBeGreaterThan(0);
  writeFileSync(join(project, FORM), form.slice(0, at) + field + form.slice(at));
  const en = JSON.parse(readFileSync(join(project, EN), 'utf8')) as Record<string, string>;
  writeFileSync(join(project, EN), `${JSON.stringify({ ...en, 'form.organisation.label': LABEL }, null, 2)}\n`);
}

/** The copy's source files that differ from this checkout's (generated folders aside). */
function changedFiles(project: string): string[] {
  const changed: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(project, dir))) {
      const path = join(dir, name);
      if (name === 'compiled' || name === '.data' || name === 'node_modules') continue;
      if (statSync(join(project, path)).isDirectory()) walk(path);
      else if (!existsSync(join(ROOT, path))) changed.push(path);
      else if (readFileSync(join(project, path), 'utf8') !== readFileSync(join(ROOT, path), 'utf8')) changed.push(path);
    }
  };
  for (const dir of ['functions', 'templates', 'local', 'infra', 'desk']) walk(dir);
  return changed.map((p) => relative('.', p)).sort();
}

const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_SESSION_TOKEN: '' };
const READER = 'field.reader@example.org';
let project: string;
let stack: LocalProcess;

const post = (body: Record<string, unknown>, ip: string) =>
  fetch(`${stack.apiUrl}/subscribe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  project = copyProject();
  addOrganisation(project);
  const build = await runTsx(project, ['templates/build.ts']);
  expect(build.code, build.err).toBe(0);
  stack = await startLocalProcess(project, { root: project, env: CREDENTIALS });
}, 300_000);

afterAll(async () => {
  await stack?.stop();
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('an optional field added to the signup form (in a copy of the project)', () => {
  it('takes two files: its entry in core/signup-form.ts and its label in en.json', () => {
    expect(changedFiles(project)).toEqual([FORM, EN].sort());
  });

  it('is rendered by the widget, its pasted snippet and the pages, labelled in English where untranslated', async () => {
    const script = await (await fetch(`${stack.apiUrl}/widget.js`)).text();
    expect(script).toContain(
      '{"name":"organisation","kind":"input","attributes":{"type":"text","autocomplete":"organization","maxlength":"80"}}',
    );
    expect(script).toContain(`"label.organisation":"${LABEL}"`);
    expect(script.split(`"label.organisation":"${LABEL}"`)).toHaveLength(4);
    const input = '<input name="organisation" type="text" autocomplete="organization" maxlength="80">';
    const home = await (await fetch(`${stack.apiUrl}/?lang=be`)).text();
    expect(home).toContain(`<label>${LABEL} ${input}</label>`);
    const page = await (await fetch(`${stack.apiUrl}/confirm?token=expired&lang=ru`)).text();
    expect(page).toContain(
      `<label for="organisation">${LABEL}</label>${input.replace('<input', '<input id="organisation"')}`,
    );
  });

  it('is refused with its own 400 when invalid; nothing is queued', async () => {
    for (const organisation of ['o'.repeat(81), 42]) {
      const res = await post({ email: 'refused@example.org', language: 'en', organisation }, '203.0.113.90');
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error: { code: 'invalid_organisation', message: 'organisation must be a text of at most 80 characters' },
      });
    }
    const { emails } = (await (await fetch(`${stack.sesUrl}/store`)).json()) as { emails: unknown[] };
    expect(JSON.stringify(emails)).not.toContain('refused@example.org');
  });

  it('is accepted, travels with the request and is kept in the reader’s consent record', async () => {
    expect((await post({ email: READER, language: 'be', organisation: 'Analytics Desk' }, '203.0.113.91')).status).toBe(
      202,
    );
    const env = { ...process.env, ...CREDENTIALS, PORT: new URL(stack.apiUrl).port };
    const exported = await vi.waitFor(
      async () => {
        const run = await runTsx(project, ['local/newsletter.ts', 'subscribers', 'export', READER], env);
        expect(run.code, run.err).toBe(0);
        return JSON.parse(run.out) as { status: string; consent: { answers?: Record<string, string> } };
      },
      { timeout: 60_000, interval: 200 },
    );
    expect(exported.status).toBe('pending');
    expect(exported.consent.answers).toEqual({ organisation: 'Analytics Desk' });
  }, 120_000);

  it('type-checks as it is: no other table needs an entry', async () => {
    const tsc = await runTsx(project, [join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit']);
    expect(tsc.code, tsc.out).toBe(0);
  }, 300_000);
});
