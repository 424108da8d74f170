import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.ts';
import { useStoppedClock } from '../support/clock.ts';
import { inbox, linkIn, postForm, postJson, type StoredEmail } from '../support/local.ts';
import { useStackBehindProxy } from '../support/stack-behind-proxy.ts';

const clock = useStoppedClock();
// Every conditional write of the stack loses its first answer (the SDK retries a write that already happened), the
// counters' updates included.
const behind = useStackBehindProxy({ MAIL_COOLDOWN_SECONDS: '1' });
const { stack } = behind;

const EMAIL = 'counted.reader@example.org';

async function stats(): Promise<{ total: number; languages: Record<string, Record<string, number>> }> {
  const answer = await cli(stack.current.env, 'stats', '--json');
  expect(answer.code, answer.err).toBe(0);
  // The counters only (the weeks' new and left readers are stats-io's and the desk's).
  const { weeks: _weeks, ...counters } = JSON.parse(answer.out);
  return counters;
}

/** Subscribes EMAIL and answers the confirm token of the e-mail it got. */
async function subscribe(): Promise<string> {
  const before = (await inbox(stack.current, EMAIL)).length;
  expect((await postJson(stack.current, '/subscribe', { email: EMAIL, language: 'be' })).status).toBe(202);
  const mails = await inbox(stack.current, EMAIL);
  expect(mails).toHaveLength(before + 1);
  const link = linkIn(mails[before] as StoredEmail, `${stack.current.apiUrl}/confirm?token=`);
  return new URL(link).searchParams.get('token') as string;
}

describe("the readers' counters through the whole stack, every conditional write losing its first answer", () => {
  it('count a reader once through subscribe, a confirm posted twice, unsubscribe, re-subscribe and erasure', async () => {
    const token = await subscribe();
    expect(await stats()).toEqual({ total: 1, languages: { be: { pending: 1 } } });
    const dropped = behind.proxy.dropped.UpdateItem ?? 0;
    expect((await postForm(stack.current, '/confirm', { token })).status).toBe(200);
    // The reader clicks again (or the page's answer was lost): confirmed once.
    expect((await postForm(stack.current, '/confirm', { token })).status).toBe(200);
    expect((behind.proxy.dropped.UpdateItem ?? 0) - dropped).toBeGreaterThanOrEqual(1);
    expect(await stats()).toEqual({ total: 1, languages: { be: { confirmed: 1 } } });

    const welcome = (await inbox(stack.current, EMAIL)).at(-1) as StoredEmail;
    const manage = linkIn(welcome, `${stack.current.apiUrl}/unsubscribe?token=`);
    const oneClick = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    for (let i = 0; i < 2; i++) {
      const res = await fetch(manage, { ...oneClick, body: 'List-Unsubscribe=One-Click' });
      expect(res.status).toBe(200);
    }
    expect(await stats()).toEqual({ total: 1, languages: { be: { unsubscribed: 1 } } });

    clock.advance(2_000);
    const again = await subscribe();
    expect((await stats()).languages.be).toEqual({ pending: 1 });
    expect((await postForm(stack.current, '/confirm', { token: again })).status).toBe(200);
    expect(await stats()).toEqual({ total: 1, languages: { be: { confirmed: 1 } } });

    expect((await cli(stack.current.env, 'subscribers', 'erase', EMAIL)).out).toBe('erased');
    expect((await cli(stack.current.env, 'subscribers', 'erase', EMAIL)).code).toBe(0);
    expect(await stats()).toEqual({ total: 0, languages: {} });
  });
});
