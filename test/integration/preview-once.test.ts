import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SesMailer } from '../../functions/adapters/ses/mailer.ts';
import { prepare } from '../../functions/app/prepare.ts';
import { prepareDeps } from '../../functions/wiring/feeds.ts';
import { createSendContext } from '../../functions/wiring/send.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { inbox, useLocalStack } from '../support/local.ts';
import { type Fault, type FaultProxy, startFaultProxy } from '../support/ses-fault-proxy.ts';

const EDITORS = ['first.editor@example.org', 'second.editor@example.org'];
const stack = useLocalStack({ EDITOR_EMAILS: EDITORS.join(',') });
let ctx: Awaited<ReturnType<typeof createSendContext>>;
let proxy: FaultProxy;
/** What the SES proxy does to the next preview to each editor (then it passes). */
const faults = new Map<string, Fault>();

beforeAll(async () => {
  ctx = await createSendContext(stack.current.env);
  for (const edition of ['2026-W36', '2026-W37', '2026-W38'])
    expect((await cli(stack.current.env, 'import', fixtureEdition(edition))).code).toBe(0);
  proxy = await startFaultProxy(stack.current.sesUrl, (_path, body) => {
    const to = (body as { Destination?: { ToAddresses?: string[] } }).Destination?.ToAddresses?.[0] ?? '';
    const fault = faults.get(to) ?? 'pass';
    faults.delete(to);
    return fault;
  });
});
afterAll(async () => {
  await proxy?.close();
});

/** The previews of `edition` each editor received, by editor. */
async function previewsOf(edition: string): Promise<number[]> {
  const mails = await inbox(stack.current);
  return EDITORS.map(
    (to) => mails.filter((m) => m.destination.to.includes(to) && m.subject.startsWith(`[PREVIEW] ${edition}`)).length,
  );
}

/** prepare's dependencies with a mailer that reaches SES through the fault proxy, one attempt per e-mail. */
function depsThroughProxy() {
  const mailer = new SesMailer(new SESv2Client({ endpoint: proxy.endpoint, maxAttempts: 1 }), ctx.config.SENDER_EMAIL);
  return prepareDeps(ctx, mailer);
}

describe("the editors' preview, at most once per editor and edition", () => {
  it('prepare run twice (the schedule, then by hand) mails each editor once and says so', async () => {
    const first = await cli(stack.current.env, 'prepare', '--edition', '2026-W36');
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain('2026-W36: preview mailed to 2 editors');
    const second = await cli(stack.current.env, 'prepare', '--edition', '2026-W36');
    expect(second.out).toContain('2026-W36: 2 editors had this preview already, not mailed again');
    expect(await previewsOf('2026-W36')).toEqual([1, 1]);
  });

  it('two runs at once (a retry overlapping the first) mail each editor once', async () => {
    const deps = depsThroughProxy();
    const results = await Promise.all([prepare(deps, { edition: '2026-W37' }), prepare(deps, { edition: '2026-W37' })]);
    expect(results.map((r) => r.previews).reduce((a, b) => a + b)).toBe(2);
    expect(results.map((r) => r.previewsBefore).reduce((a, b) => a + b)).toBe(2);
    expect(await previewsOf('2026-W37')).toEqual([1, 1]);
  });

  it('a lost SES answer is never resent; a certain refusal is retried by the next run', async () => {
    const deps = depsThroughProxy();
    // SES takes the first editor's preview but the answer is lost; it throttles the second's.
    faults.set(EDITORS[0] as string, 'accepted-500');
    faults.set(EDITORS[1] as string, 'throttle');
    await expect(prepare(deps, { edition: '2026-W38' })).rejects.toThrow();
    expect(await previewsOf('2026-W38')).toEqual([1, 0]);
    // Lambda's retry of the failed invocation.
    const retry = await prepare(deps, { edition: '2026-W38' });
    expect(retry).toMatchObject({ previews: 1, previewsBefore: 1 });
    expect(await previewsOf('2026-W38')).toEqual([1, 1]);
    expect(proxy.counts).toMatchObject({ 'accepted-500': 1, throttle: 1 });
  });
});
