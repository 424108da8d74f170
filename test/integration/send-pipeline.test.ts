import { simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatEditionRange } from '../../functions/core/edition.ts';
import type { Language } from '../../functions/core/language.ts';
import { createSendContext } from '../../functions/wiring/send.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { inbox, listUnsubscribe, type StoredEmail, useLocalStack } from '../support/local.ts';
import { readers, seedReaders } from '../support/seed.ts';

const stack = useLocalStack();
let ctx: Awaited<ReturnType<typeof createSendContext>>;
const CONFIRMED = readers('weekly', 1000, 'confirmed');
const OTHERS = [
  ...readers('pending', 20, 'pending'),
  ...readers('gone', 20, 'unsubscribed'),
  ...readers('bounced', 20, 'bounced'),
];
beforeAll(async () => {
  ctx = await createSendContext(stack.current.env);
  await seedReaders(ctx, [...CONFIRMED, ...OTHERS]);
  expect((await cli(stack.current.env, 'import', fixtureEdition('2026-W48'))).code).toBe(0);
});

describe('the weekly send', () => {
  it('mails every confirmed reader exactly once, in their language, with the unsubscribe headers', async () => {
    const result = await cli(stack.current.env, 'send', '--edition', '2026-W48', '--yes');
    expect(result.code).toBe(0);
    const mails = await inbox(stack.current);
    const byRecipient = new Map<string, StoredEmail[]>();
    for (const m of mails)
      byRecipient.set(m.destination.to[0] as string, [...(byRecipient.get(m.destination.to[0] as string) ?? []), m]);
    for (const r of CONFIRMED) {
      const got = byRecipient.get(r.email) ?? [];
      expect(got, r.email).toHaveLength(1);
      const mail = got[0] as StoredEmail;
      expect(mail.subject).toContain(formatEditionRange('2026-W48', r.language as Language));
      const header = (name: string) => mail.headers?.find((h) => h.name === name)?.value;
      const { url, mailto } = listUnsubscribe(mail);
      expect(url).toMatch(new RegExp(`^${stack.current.apiUrl}/unsubscribe\\?token=t1\\.manage\\.`));
      expect(mailto).toMatch(/^u-[0-9a-f]{32}-[0-9a-f]{20}@inbound\.newsletter\.example\?subject=unsubscribe$/);
      expect(header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      expect(header('List-Id')).toBe(`<${r.language}.weekly.newsletter.example>`);
      expect(header('Precedence')).toBe('bulk');
      expect(mail.body.text).toContain(url);
      expect(mail.body.html).toContain(url.replace(/&/g, '&amp;'));
    }
    for (const r of OTHERS) expect(byRecipient.get(r.email), r.email).toBeUndefined();
    expect(mails).toHaveLength(CONFIRMED.length);

    const report = JSON.parse((await cli(stack.current.env, 'status', '--edition', '2026-W48', '--json')).out);
    for (const lang of ['en', 'be', 'ru']) {
      const expected = CONFIRMED.filter((r) => r.language === lang).length;
      expect(report.languages[lang]).toEqual({
        planned: expected,
        sent: expected,
        failed: 0,
        skipped: 0,
        bounced: 0,
        complained: 0,
        pending: 0,
        unhandled: 0,
        uncertain: 0,
      });
    }
  });

  it('sends nothing new when the same edition is sent again', async () => {
    const before = (await inbox(stack.current)).length;
    const again = await cli(stack.current.env, 'send', '--edition', '2026-W48', '--yes');
    expect(again.out).toContain('already-started');
    expect((await inbox(stack.current)).length).toBe(before);
  });

  it('unsubscribes in one click from the digest, and that reader gets no later edition', async () => {
    const [mail] = await inbox(stack.current, 'weekly7@example.org');
    const { url } = listUnsubscribe(mail as StoredEmail);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    expect((await cli(stack.current.env, 'import', fixtureEdition('2026-W49'))).code).toBe(0);
    expect((await cli(stack.current.env, 'send', '--edition', '2026-W49', '--yes')).code).toBe(0);
    expect(await inbox(stack.current, 'weekly7@example.org')).toHaveLength(1);
    expect(await inbox(stack.current, 'weekly8@example.org')).toHaveLength(2);
    const report = JSON.parse((await cli(stack.current.env, 'status', '--edition', '2026-W49', '--json')).out);
    const sent = Object.values(report.languages as Record<string, { sent: number }>).reduce((n, l) => n + l.sent, 0);
    expect(sent).toBe(CONFIRMED.length - 1);
  });

  it('writes a digest whose message parses with a real MIME parser', async () => {
    const [mail] = await inbox(stack.current, 'weekly1@example.org');
    const res = await fetch(`${stack.current.sesUrl}/get-emlContent?messageId=${mail?.messageId}`);
    const { body } = (await res.json()) as { body: { data: number[] } };
    const parsed = await simpleParser(Buffer.from(body.data));
    expect(parsed.subject).toBe(mail?.subject);
    expect(parsed.to && 'text' in parsed.to ? parsed.to.text : '').toBe('weekly1@example.org');
    const line = (key: string) => parsed.headerLines.find((h) => h.key === key)?.line ?? '';
    expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(line('list-unsubscribe').replace(/\s+/g, '')).toContain('/unsubscribe?token=t1.manage.');
    expect(parsed.html).toContain('<html');
    expect(parsed.text).toContain('https://example.org/');
    expect(Buffer.byteLength(String(parsed.html))).toBeLessThan(100 * 1024);
  });

  it('test-sends one copy with --to without marking the edition sent', async () => {
    const dir = fixtureEdition('2026-W51', ['en', 'be']);
    expect((await cli(stack.current.env, 'import', dir)).code).toBe(0);
    const result = await cli(stack.current.env, 'send', '--edition', '2026-W51', '--to', 'Editor@Example.org');
    expect(result.out).toContain('not marked as sent');
    const [copy, ...more] = await inbox(stack.current, 'editor@example.org');
    expect(more).toHaveLength(0);
    expect(copy?.subject).toMatch(/^\[TEST\] /);
    expect(JSON.parse((await cli(stack.current.env, 'status', '--edition', '2026-W51', '--json')).out).status).toBe(
      'not-started',
    );
    // The real send afterwards goes to every reader; a language without commentaries is reported as skipped.
    const send = await cli(stack.current.env, 'send', '--edition', '2026-W51', '--yes');
    expect(send.out).toContain('ru: skipped, no commentaries for 2026-W51');
    const report = JSON.parse((await cli(stack.current.env, 'status', '--edition', '2026-W51', '--json')).out);
    expect(report.skippedLanguages).toEqual(['ru']);
    expect(report.languages.ru).toBeUndefined();
  });

  it('previews each language to a folder and does a dry run without sending', async () => {
    const before = (await inbox(stack.current)).length;
    const dir = fixtureEdition('2026-W50', ['ru']);
    expect((await cli(stack.current.env, 'import', dir)).code).toBe(0);
    const preview = await cli(stack.current.env, 'preview', '--edition', '2026-W50', '--out', `${dir}/preview`);
    expect(preview.out).toMatch(/ru: .*ru\.html/);
    expect(preview.out).toContain('en: skipped');
    const dry = await cli(stack.current.env, 'send', '--edition', '2026-W50', '--dry-run');
    expect(dry.out).toMatch(/ru: would send 3 commentaries to \d+ readers/);
    expect((await inbox(stack.current)).length).toBe(before);
  });
});
