import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { authorizeUrl, formOf, pkce, postSignin } from '../support/desk-signin.ts';
import { type LocalProcess, startLocalProcess } from '../support/local-process.ts';

let running: LocalProcess | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const ACCOUNT = /^desk account (editor|data): (\S+) \/ (\S+)$/gm;
const accountsIn = (banner: string) =>
  [...banner.matchAll(ACCOUNT)].map(([, group, username, password]) => ({ group, username, password }));

describe('the desk sign-in accounts of npm start', () => {
  it('prints the desk and both sample accounts in the banner, keeps them across a restart, stores passwords hashed', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'desk-banner-'));
    running = await startLocalProcess(cwd);
    const first = accountsIn(running.banner);
    expect(first.map((a) => a.group)).toEqual(['editor', 'data']);
    expect(running.banner).toContain(`Editors' desk         ${running.apiUrl}/desk/`);
    const stored = readFileSync(join(cwd, '.data', 'desk-accounts.json'), 'utf8');
    for (const a of first) {
      expect(String(a.password).length).toBeGreaterThanOrEqual(16);
      expect(stored).not.toContain(a.password as string);
    }
    expect(stored.match(/"password": "scrypt\$/g)).toHaveLength(2);
    await running.stop();

    running = await startLocalProcess(cwd);
    expect(accountsIn(running.banner)).toEqual(first);
    // The printed password signs in on the restarted runner.
    const apiUrl = running.apiUrl;
    const stack = { apiUrl, env: { DESK_AUTHORITY: `${apiUrl}/local/signin` } } as never;
    const { action, fields } = formOf(await (await fetch(authorizeUrl(stack, pkce().challenge))).text());
    const editor = first[0] as { username: string; password: string };
    const res = await postSignin(stack, action, { ...fields, username: editor.username, password: editor.password });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(new RegExp(`^${apiUrl}/desk/\\?code=`));
  });
});
