import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSendContext } from '../../../functions/wiring/send.ts';
import { runCli } from '../../../local/cli.ts';
import { useLocalStack } from '../../support/local.ts';
import { readers, seedReaders } from '../../support/seed.ts';

// The data requests' routes through the real local stack (runner, SigV4 check, admin handler, dynalite).
const stack = useLocalStack({ POWERTOOLS_LOG_LEVEL: 'INFO' });
const [READER] = readers('maskme', 1, 'confirmed');
const ADDRESS = READER?.email ?? '';

/** Runs the CLI as `npm run newsletter -- ...` does; returns its output and the JSON lines the stack logged. */
async function newsletter(argv: string[], env: Record<string, string | undefined> = stack.current.env) {
  const printed: string[] = [];
  for (const stream of [process.stdout, process.stderr])
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
  const out: string[] = [];
  let code: number;
  let err = '';
  try {
    code = await runCli(['--api', stack.current.apiUrl, ...argv], env, {
      out: (l) => out.push(l),
      err: (l) => out.push(l),
    });
  } catch (error) {
    code = 1;
    err = (error as Error).message;
  } finally {
    vi.restoreAllMocks();
  }
  const logs = printed.join('');
  const lines = logs
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, out: out.join('\n'), err, logs, lines };
}

afterEach(() => {
  vi.restoreAllMocks();
});

beforeAll(async () => {
  if (!READER) throw new Error('no reader');
  await seedReaders(await createSendContext(stack.current.env), [READER]);
});

describe("the data requests' role on npm start", () => {
  it('looks a reader up with a masked address, status, language and dates, never the address', async () => {
    const found = await newsletter(['subscribers', 'lookup', ADDRESS.toUpperCase()]);
    expect(found.code, found.err).toBe(0);
    expect(found.out.split('\n')[0]).toBe(`m***@example.org  confirmed  ${READER?.language}`);
    expect(found.out).toMatch(/ {2}createdAt \d{4}-\d\d-\d\dT/);
    expect(found.out).toMatch(/ {2}confirmedAt \d{4}-\d\d-\d\dT/);
    expect(found.out.toLowerCase()).not.toContain(ADDRESS);
    const line = found.lines.find((l) => l.message === 'admin action');
    expect(line).toMatchObject({
      route: 'POST /admin/subscribers/lookup',
      role: 'subscriber-data',
      caller: 'arn:aws:iam::local:user/local',
      status: 200,
    });
    expect(found.logs.toLowerCase()).not.toContain(ADDRESS);
  });

  it('answers 404 for an address with nothing held, and one clear line for a bad one', async () => {
    const unknown = await newsletter(['subscribers', 'lookup', 'nobody@example.org']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('404: no data is held for that address');
    const bad = await newsletter(['subscribers', 'lookup', 'not-an-address']);
    expect(bad.err).toMatch(/^400: /);
    expect(bad.err).not.toContain('not-an-address');
  });

  it('logs export and erase with the caller and the role, never the address', async () => {
    const exported = await newsletter(['subscribers', 'export', ADDRESS]);
    expect(JSON.parse(exported.out)).toMatchObject({ email: ADDRESS, status: 'confirmed' });
    const erased = await newsletter(['subscribers', 'erase', ADDRESS]);
    expect(erased.out).toBe('erased');
    for (const [run, route] of [
      [exported, 'POST /admin/subscribers/export'],
      [erased, 'POST /admin/subscribers/erase'],
    ] as const) {
      expect(run.lines.find((l) => l.message === 'admin action')).toMatchObject({
        route,
        role: 'subscriber-data',
        caller: 'arn:aws:iam::local:user/local',
        status: 200,
      });
      expect(run.logs.toLowerCase()).not.toContain(ADDRESS);
    }
    expect((await newsletter(['subscribers', 'lookup', ADDRESS])).err).toBe('404: no data is held for that address');
  });

  it("names SubscriberDataPolicyArn when the signer may not call the data requests' API", async () => {
    const env = { ...stack.current.env, AWS_SECRET_ACCESS_KEY: 'not-the-runners' };
    const refused = await newsletter(['subscribers', 'lookup', 'nobody@example.org'], env);
    expect(refused.err).toMatch(/^403 Forbidden from http:\/\/127\.0\.0\.1:\d+: .*SubscriberDataPolicyArn/);
    expect(refused.err).not.toContain('EditorsPolicyArn');
  });

  it('has no command that lists or exports readers in bulk', async () => {
    const usage = await newsletter(['subscribers', 'list']);
    expect(usage.err).toBe('usage: subscribers lookup|export|erase ADDRESS');
    expect((await newsletter(['subscribers', 'export'])).err).toBe('usage: subscribers lookup|export|erase ADDRESS');
  });
});
