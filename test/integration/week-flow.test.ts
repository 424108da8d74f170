import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSendContext } from '../../functions/wiring/send.ts';
import { type LocalStack, startLocalStack } from '../../local/stack.ts';
import { cli } from '../support/cli.ts';
import { type FeedServer, startFeedServer } from '../support/feed-server.ts';
import { afterSend, inbox, linkIn, postForm, tableSnapshot } from '../support/local.ts';
import { readers, seedReaders } from '../support/seed.ts';

const EDITION = '2026-W48';
const EDITORS = ['editor-one@example.org', 'editor-two@example.org'];
let feeds: FeedServer;
let stack: LocalStack;

beforeAll(async () => {
  feeds = await startFeedServer();
  stack = await startLocalStack({
    trustForwardedFor: true,
    env: {
      FEEDS: JSON.stringify({
        en: [`${feeds.url}/en/rss.xml`, `${feeds.url}/error`],
        be: [`${feeds.url}/be/atom.xml`],
        ru: [`${feeds.url}/ru/feed.json`],
      }),
      EDITOR_EMAILS: EDITORS.join(','),
    },
  });
  // Readers who confirmed during the edition's week: the report counts them as the week's new confirmations.
  await seedReaders(
    await createSendContext(stack.env),
    readers('week', 3, 'confirmed'),
    Date.parse('2026-11-25T10:00:00Z'),
    { markWeeks: true },
  );
});
afterAll(async () => {
  await stack?.close();
  await feeds?.close();
});

const mailsTo = async (to: string, subject: string) =>
  (await inbox(stack, to)).filter((m) => m.subject.includes(subject));

describe('the week on schedule: prepare, hold, release, send, report', () => {
  let holdLink = '';

  it('prepare pulls the feeds and mails each editor one preview with every language, counts and a hold link', async () => {
    const result = await cli(stack.env, 'prepare', '--edition', EDITION);
    // The failing feed is reported and fails the command; everything else went ahead.
    expect(result.code).toBe(1);
    expect(result.err).toContain(`failed        en ${feeds.url}/error: HTTP 500`);
    expect(result.out).toContain('en: 4 commentaries for 1 reader');
    expect(result.out).toContain('be: 3 commentaries for 1 reader');
    expect(result.out).toContain('ru: 2 commentaries for 1 reader');
    expect(result.out).toContain(`${EDITION}: preview mailed to 2 editors`);
    for (const editor of EDITORS) {
      const previews = await mailsTo(editor, '[PREVIEW]');
      expect(previews).toHaveLength(1);
      const text = previews[0]?.body.text ?? '';
      expect(previews[0]?.subject).toBe(`[PREVIEW] ${EDITION}: 3 languages`);
      expect(text).toContain('Minsk & Brussels: little prospect of normalization');
      expect(text).toContain('Эканоміка: рост запавольваецца');
      expect(text).toContain('Беларусь и Запад');
      expect(text).toContain(`en ${feeds.url}/error: FAILED: HTTP 500`);
    }
    holdLink = linkIn((await mailsTo(EDITORS[0] as string, '[PREVIEW]'))[0] as never, `${stack.apiUrl}/hold?token=`);
  });

  it('the hold link shows a button and changes nothing', async () => {
    const before = await tableSnapshot(stack);
    const page = await fetch(holdLink);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`Hold ${EDITION}?`);
    expect(html).toContain('<form method="post" action="/hold">');
    expect(await tableSnapshot(stack)).toBe(before);
    expect((await cli(stack.env, 'status', '--edition', EDITION)).out).not.toContain('held');
  });

  it('a tampered hold link or a form without its token gets the hold page that says so, and changes nothing', async () => {
    const before = await tableSnapshot(stack);
    const token = new URL(holdLink).searchParams.get('token') as string;
    const tampered = await fetch(`${stack.apiUrl}/hold?token=${token.slice(0, -2)}xx`);
    const malformed = await postForm(stack, '/hold', { edition: EDITION });
    for (const answer of [tampered, malformed]) {
      expect(answer.status).toBe(400);
      expect(await answer.text()).toContain('This hold link does not work');
    }
    expect(await tableSnapshot(stack)).toBe(before);
  });

  it('its button holds the edition; neither the schedule nor send starts it', async () => {
    const token = new URL(holdLink).searchParams.get('token') as string;
    const held = await postForm(stack, '/hold', { token });
    expect(held.status).toBe(200);
    expect(await held.text()).toContain(`${EDITION} is held`);
    expect((await cli(stack.env, 'status', '--edition', EDITION)).out).toContain(`${EDITION}: not-started, held`);
    // The scheduled start (the local runner's dispatch function, as the schedule invokes it) refuses.
    const scheduled = await stack.dispatch({ edition: EDITION });
    expect(scheduled.result.status).toBe('held');
    const send = await cli(stack.env, 'send', '--edition', EDITION, '--yes').catch((e: Error) => ({
      code: 1,
      err: e.message,
    }));
    expect(send.code).not.toBe(0);
    expect(send.err).toMatch(/409|held/);
    expect(await inbox(stack, 'week0@example.org')).toHaveLength(0);
  });

  it('after release and send every reader gets the digest and each editor exactly one report', async () => {
    expect((await cli(stack.env, 'release', '--edition', EDITION)).out).toBe(`${EDITION}: released`);
    const sent = await cli(stack.env, 'send', '--edition', EDITION, '--yes');
    expect(sent.code).toBe(0);
    for (let i = 0; i < 3; i++) expect(await inbox(stack, `week${i}@example.org`)).toHaveLength(1);
    // The report comes from the edition's delayed completion check: wait until the runner has settled.
    await afterSend(stack, EDITION);
    // The completion seen a second time (another dispatch of the same edition) mails nothing more.
    await stack.dispatch({ edition: EDITION });
    await stack.settled();
    for (const editor of EDITORS) {
      const reports = await mailsTo(editor, '[REPORT]');
      expect(reports).toHaveLength(1);
      expect(reports[0]?.subject).toBe(`[REPORT] ${EDITION} sent`);
      const text = reports[0]?.body.text ?? '';
      expect(text).toMatch(/English\s+1\s+1\s+0\s+0\s+0\s+0/);
      expect(text).toContain('This week: 3 new confirmed readers, 0 unsubscribed.');
    }
  });

  it('a hold link after the send changes nothing and says so', async () => {
    const token = new URL(holdLink).searchParams.get('token') as string;
    const late = await postForm(stack, '/hold', { token });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain(`${EDITION} is already being sent`);
    expect((await cli(stack.env, 'status', '--edition', EDITION)).out).not.toContain('held');
  });

  it('prepare after the send mails no hold link, says the edition was sent and counts what was sent', async () => {
    const result = await cli(stack.env, 'prepare', '--edition', EDITION);
    // No feed was pulled into the sent edition: the failing feed would have failed the command.
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    expect(result.out).toContain(`${EDITION}: already sent, no hold link mailed`);
    expect(result.out).toContain('en: sent to 1 of 1 reader, 0 failed');
    expect(result.out).toContain(`${EDITION}: preview mailed to 2 editors`);
    for (const editor of EDITORS) {
      const previews = await mailsTo(editor, '[PREVIEW]');
      expect(previews).toHaveLength(2);
      const late = previews.find((m) => m.subject.includes('already sent'));
      expect(late?.subject).toBe(`[PREVIEW] ${EDITION}: already sent`);
      for (const body of [late?.body.text ?? '', late?.body.html ?? '']) {
        expect(body).not.toContain('/hold?token=');
        expect(body).not.toContain('goes out on schedule');
        expect(body).toContain(`${EDITION} was already sent`);
      }
      expect(late?.body.text).toMatch(/English\s+1\s+1\s+0/);
      // The digest the readers got, as it was sent.
      expect(late?.body.text).toContain('Minsk & Brussels: little prospect of normalization');
    }
  });
});
