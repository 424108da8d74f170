import { describe, expect, it } from 'vitest';
import type { Language } from '../../functions/core/language.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { inbox, linkIn, postForm, postJson } from '../support/local.ts';
import { useStackBehindProxy } from '../support/stack-behind-proxy.ts';

const behind = useStackBehindProxy();
const { stack } = behind;

const READERS: [string, Language][] = [
  ['lost.en@example.org', 'en'],
  ['lost.be@example.org', 'be'],
  ['lost.ru@example.org', 'ru'],
  ['lost.en2@example.org', 'en'],
];

describe('the whole path with every conditional write losing its first answer', () => {
  it('subscribe, confirm, import, send and report: one confirmation, welcome and digest per reader, nothing pending', async () => {
    expect(stack.current.env.AWS_ENDPOINT_URL_DYNAMODB).toBe(behind.proxy.endpoint);
    for (const [email, language] of READERS) {
      expect((await postJson(stack.current, '/subscribe', { email, language })).status).toBe(202);
      const mails = await inbox(stack.current, email);
      expect(mails, email).toHaveLength(1);
      const token = new URL(linkIn(mails[0] as never, `${stack.current.apiUrl}/confirm?token=`)).searchParams.get(
        'token',
      );
      expect((await postForm(stack.current, '/confirm', { token: token as string })).status).toBe(200);
    }
    const imported = await cli(stack.current.env, 'import', fixtureEdition('2026-W48'));
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('9 created, 0 updated, 0 invalid, 0 unchanged');
    const sent = await cli(stack.current.env, 'send', '--edition', '2026-W48', '--yes');
    expect(sent.code, sent.err).toBe(0);
    for (const [email] of READERS) {
      const mails = await inbox(stack.current, email);
      // The confirmation, the welcome and the digest, nothing else.
      expect(mails, email).toHaveLength(3);
      expect(
        mails.filter((m) => m.headers?.some((h) => h.name === 'List-Unsubscribe-Post')),
        email,
      ).toHaveLength(1);
    }
    const report = JSON.parse((await cli(stack.current.env, 'status', '--edition', '2026-W48', '--json')).out);
    expect(report.status).toBe('dispatched');
    expect(report.languages.en).toMatchObject({ planned: 2, sent: 2, pending: 0, unhandled: 0, failed: 0 });
    expect(report.languages.be).toMatchObject({ planned: 1, sent: 1, pending: 0, unhandled: 0, failed: 0 });
    expect(report.languages.ru).toMatchObject({ planned: 1, sent: 1, pending: 0, unhandled: 0, failed: 0 });
    // The faults did fire on every kind of conditional write on the way.
    expect(behind.proxy.dropped.PutItem).toBeGreaterThanOrEqual(READERS.length + 9);
    expect(behind.proxy.dropped.UpdateItem).toBeGreaterThanOrEqual(2 * READERS.length);
  });
});
