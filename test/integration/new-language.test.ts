import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TIME_ZONE, editionAt, editionDates } from '../../functions/core/edition.ts';
import { type FeedServer, startFeedServer } from '../support/feed-server.ts';
import { type LocalProcess, startLocalProcess } from '../support/local-process.ts';
import { copyProject, runTsx } from '../support/project-copy.ts';

/** The one file a language takes: a copy of en.json that names itself (its text stays English). */
function addUkrainian(project: string): void {
  const en = JSON.parse(readFileSync(join(project, 'templates', 'i18n', 'en.json'), 'utf8')) as Record<string, string>;
  const uk = { ...en, '_.name': 'Українська', '_.englishName': 'Ukrainian', brand: 'Belarus Weekly UK' };
  writeFileSync(join(project, 'templates', 'i18n', 'uk.json'), `${JSON.stringify(uk, null, 2)}\n`);
}

interface Mail {
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  headers?: { name: string; value: string }[];
}

const READER = 'uk.reader@example.org';
// The runner's own credentials and the CLI's, whatever the developer's environment holds.
const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_SESSION_TOKEN: '' };
const edition = editionAt(Date.now(), DEFAULT_TIME_ZONE);
let project: string;
let feeds: FeedServer;
let stack: LocalProcess;
let cliEnv: NodeJS.ProcessEnv;

async function mailsTo(to: string): Promise<Mail[]> {
  const { emails } = (await (await fetch(`${stack.sesUrl}/store`)).json()) as { emails: Mail[] };
  return emails.filter((e) => e.destination.to.includes(to));
}

/** The copy's own `newsletter` CLI against its stack, as an editor runs it. */
function newsletter(...argv: string[]) {
  return runTsx(project, ['local/newsletter.ts', ...argv], cliEnv);
}

beforeAll(async () => {
  project = copyProject();
  addUkrainian(project);
  const build = await runTsx(project, ['templates/build.ts']);
  expect(build.code, build.err).toBe(0);
  feeds = await startFeedServer();
  const { monday } = editionDates(edition);
  const published = new Date(`${monday}T00:30:00+03:00`).toUTCString();
  feeds.serve(
    '/uk/rss.xml',
    `<?xml version="1.0"?><rss version="2.0"><channel><title>UK</title><link>https://analytics.example/uk/</link>` +
      `<item><title>Ukrainian-language commentary</title><link>https://analytics.example/uk/1</link>` +
      `<category>Economy</category><pubDate>${published}</pubDate><description>A lead.</description></item>` +
      `</channel></rss>`,
    'application/rss+xml',
  );
  const env = { ...CREDENTIALS, FEEDS: JSON.stringify({ uk: [`${feeds.url}/uk/rss.xml`] }) };
  stack = await startLocalProcess(project, { root: project, env });
  cliEnv = { ...process.env, ...env, PORT: new URL(stack.apiUrl).port };
}, 300_000);

afterAll(async () => {
  await stack?.stop();
  await feeds?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('a language added as one catalogue file (templates/i18n/uk.json in a copy of the project)', () => {
  it('is offered by the widget and the pages under its own name', async () => {
    const script = await (await fetch(`${stack.apiUrl}/widget.js`)).text();
    expect(script).toContain('"uk":"Українська"');
    // An expired link's page offers the signup form again, in the page's language.
    const page = await (await fetch(`${stack.apiUrl}/confirm?token=expired&lang=uk`)).text();
    expect(page).toContain('<html lang="uk"');
    expect(page).toContain('<option value="uk" lang="uk" selected>Українська</option>');
  });

  it('subscribes, confirms and delivers the week in it, from its feed, through the CLI', async () => {
    const res = await fetch(`${stack.apiUrl}/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: READER, language: 'uk' }),
    });
    expect(res.status).toBe(202);
    const confirmation = await vi.waitFor(
      async () => {
        const [mail] = await mailsTo(READER);
        if (!mail) throw new Error('no confirmation yet');
        return mail;
      },
      { timeout: 60_000, interval: 100 },
    );
    expect(confirmation.subject).toBe('Confirm your subscription to Belarus Weekly UK');
    expect(confirmation.body.html).toContain('lang="uk"');
    const token = confirmation.body.text?.match(/\/confirm\?token=([^\s)>"]+)/)?.[1] as string;
    const confirmed = await fetch(`${stack.apiUrl}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: decodeURIComponent(token) }).toString(),
    });
    expect(confirmed.status).toBe(200);

    const pulled = await newsletter('feeds', 'pull', '--edition', edition);
    expect(pulled.code, pulled.err).toBe(0);
    const preview = await newsletter('preview', '--edition', edition, '--language', 'uk');
    expect(preview.code, preview.err).toBe(0);
    const previewText = preview.out.match(/\S+uk\.txt/)?.[0] as string;
    expect(readFileSync(previewText, 'utf8')).toContain('Ukrainian-language commentary');
    const sent = await newsletter('send', '--edition', edition, '--yes');
    expect(sent.code, sent.err).toBe(0);

    const digest = (await mailsTo(READER)).find((m) => m.body.text?.includes('Ukrainian-language commentary'));
    expect(digest?.subject).toContain('Belarus Weekly UK');
    expect(digest?.body.html).toContain('lang="uk"');
    expect(digest?.headers?.some((h) => h.name === 'List-Unsubscribe-Post')).toBe(true);
    const status = await newsletter('status', '--edition', edition, '--json');
    expect(JSON.parse(status.out).languages.uk).toMatchObject({ planned: 1, sent: 1 });
    const archive = await fetch(`${stack.apiUrl}/archive/uk`);
    expect(archive.status).toBe(200);
    expect(await archive.text()).toContain(edition);
  }, 300_000);

  it('type-checks, and is accepted by the stack configuration', async () => {
    // No table keyed by language may need a new entry: the copy type-checks as it is.
    const tsc = await runTsx(project, [join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit']);
    expect(tsc.code, tsc.out).toBe(0);
    const check = join(project, 'check-config.ts');
    writeFileSync(
      check,
      "import { parseStackConfig } from './infra/config.ts';\n" +
        "const c = parseStackConfig({ senderEmail: 'w@example.org', languages: 'uk,en', " +
        'feeds: \'{"uk":["https://example.org/uk.xml"]}\', languageFallbacks: \'{"uk":["en"]}\' });\n' +
        'console.log(JSON.stringify([c.languages, Object.keys(c.feeds), parseStackConfig({ senderEmail: "w@example.org" }).languages]));\n',
    );
    const run = await runTsx(project, ['check-config.ts']);
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(run.out)).toEqual([['uk', 'en'], ['uk'], ['en', 'be', 'ru', 'uk']]);
  }, 300_000);
});
