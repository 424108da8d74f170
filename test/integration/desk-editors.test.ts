import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../local/cli.ts';
import { claimsOf, idTokenFor, postPassword, useSigninStack } from '../support/desk-signin.ts';

/** Runs the CLI in-process; a refusal (a thrown one-line error) is exit 1 with its message, as newsletter.ts does. */
async function editors(env: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  try {
    const code = await runCli(['editors', ...argv], env, { out: (l) => out.push(l), err: (l) => out.push(l) });
    return { code, out: out.join('\n') };
  } catch (error) {
    return { code: 1, out: (error as Error).message };
  }
}

describe('newsletter editors on npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-editors-'));
  const running = useSigninStack({ dataDir });
  let env: Record<string, string>;
  beforeAll(() => {
    env = { LOCAL_DATA_DIR: dataDir, PORT: new URL(running.stack.apiUrl).port };
  });

  it('adds an account that signs in on the running stack with the password printed once, in its group', async () => {
    const added = await editors(env, 'add', 'New.Editor@example.org', '--role', 'data');
    expect(added.code).toBe(0);
    const password = /password, shown this once: (\S+)/.exec(added.out)?.[1] as string;
    expect(password).toMatch(/^[\w-]{16}$/);
    expect(added.out).toContain(`sign in at ${running.stack.apiUrl}/desk/`);
    expect(readFileSync(join(dataDir, 'desk-accounts.json'), 'utf8')).not.toContain(password);
    const idToken = await idTokenFor(running.stack, 'new.editor@example.org', password);
    expect(claimsOf(idToken)['cognito:groups']).toEqual(['data']);
    const list = await editors(env, 'list');
    expect(list.out.split('\n')).toEqual([
      'editor@newsletter.example  editor',
      'data@newsletter.example  data',
      'New.Editor@example.org  data',
    ]);
    const again = await editors(env, 'add', 'new.editor@example.org', '--role', 'editor');
    expect(again).toEqual({
      code: 1,
      out: 'new.editor@example.org already has a desk account on npm start (editors remove it first)',
    });
  });

  it('removes an account: its password no longer signs in', async () => {
    const added = await editors(env, 'add', 'leaving@example.org', '--role', 'editor');
    const password = /password, shown this once: (\S+)/.exec(added.out)?.[1] as string;
    expect((await editors(env, 'remove', 'leaving@example.org')).code).toBe(0);
    const res = await postPassword(running.stack, 'leaving@example.org', password);
    expect(res.status).toBe(401);
    expect(await editors(env, 'remove', 'leaving@example.org')).toEqual({
      code: 1,
      out: 'no desk account leaving@example.org on npm start',
    });
  });

  it.each([
    [['add', 'someone@example.org'], 'editors add needs --role editor or --role data'],
    [['add', 'someone@example.org', '--role', 'admin'], 'editors add needs --role editor or --role data'],
    [['add', 'not-an-address', '--role', 'editor'], 'not-an-address is not an e-mail address'],
    [['remove'], 'usage: editors add ADDRESS --role editor|data | editors remove ADDRESS | editors list'],
    [['add', 'a@example.org', '--role', 'editor', '--api', 'http://x.example'], 'editors needs --outputs FILE'],
  ])('refuses %j with one clear line and changes nothing', async (argv, message) => {
    const before = readFileSync(join(dataDir, 'desk-accounts.json'), 'utf8');
    const res = await editors(env, ...argv);
    expect(res.code).toBe(1);
    expect(res.out).toContain(message);
    expect(res.out).not.toContain('\n');
    expect(readFileSync(join(dataDir, 'desk-accounts.json'), 'utf8')).toBe(before);
  });
});

describe('newsletter editors --outputs FILE (Cognito)', () => {
  // Cognito's admin API (JSON 1.1) as a stand-in: records each call, knows one existing user.
  const calls: { target: string; body: Record<string, unknown> }[] = [];
  let server: Server;
  let env: Record<string, string>;
  const outputs = join(mkdtempSync(join(tmpdir(), 'desk-outputs-')), 'outputs.json');
  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => {
        text += c.toString();
      });
      req.on('end', () => {
        const target = String(req.headers['x-amz-target']).replace('AWSCognitoIdentityProviderService.', '');
        const body = JSON.parse(text) as Record<string, unknown>;
        calls.push({ target, body });
        const exists = body.Username === 'taken@example.org';
        const fail = (type: string) => {
          res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': type });
          res.end(JSON.stringify({ __type: type, message: 'stand-in says no' }));
        };
        if (target === 'AdminCreateUser' && exists) return fail('UsernameExistsException');
        if (target === 'AdminDeleteUser' && body.Username === 'ghost@example.org') return fail('UserNotFoundException');
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(target === 'AdminCreateUser' ? { User: { Username: 'id-1' } } : {}));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    writeFileSync(
      outputs,
      JSON.stringify({ Newsletter: { ApiUrl: 'https://api.example', UserPoolId: 'eu-west-1_Abc' } }),
    );
    env = {
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    };
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('creates the user in the outputs’ user pool and puts it in its group', async () => {
    calls.length = 0;
    const res = await editors(env, 'add', 'editor@example.org', '--role', 'editor', '--outputs', outputs);
    expect(res.code).toBe(0);
    expect(res.out).toContain('added editor@example.org (editor) to eu-west-1_Abc');
    expect(calls).toEqual([
      {
        target: 'AdminCreateUser',
        body: {
          UserPoolId: 'eu-west-1_Abc',
          Username: 'editor@example.org',
          UserAttributes: [
            { Name: 'email', Value: 'editor@example.org' },
            { Name: 'email_verified', Value: 'true' },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        },
      },
      {
        target: 'AdminAddUserToGroup',
        body: { UserPoolId: 'eu-west-1_Abc', Username: 'editor@example.org', GroupName: 'editor' },
      },
    ]);
  });

  it('deletes a user, and says in one line when Cognito refuses', async () => {
    calls.length = 0;
    expect((await editors(env, 'remove', 'editor@example.org', '--outputs', outputs)).code).toBe(0);
    expect(calls).toEqual([
      { target: 'AdminDeleteUser', body: { UserPoolId: 'eu-west-1_Abc', Username: 'editor@example.org' } },
    ]);
    expect(await editors(env, 'add', 'taken@example.org', '--role', 'data', '--outputs', outputs)).toEqual({
      code: 1,
      out: 'taken@example.org already has a desk account in eu-west-1_Abc',
    });
    expect(await editors(env, 'remove', 'ghost@example.org', '--outputs', outputs)).toEqual({
      code: 1,
      out: 'no desk account ghost@example.org in eu-west-1_Abc',
    });
  });

  it('keeps the Cognito client out of the Lambda functions: no function source imports it', () => {
    const dir = join(import.meta.dirname, '..', '..', 'functions');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const importing = files.filter((f) =>
      readFileSync(join(dir, f), 'utf8').includes('client-cognito-identity-provider'),
    );
    expect(importing).toEqual([]);
  });
});
