import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SesMailer } from '../functions/adapters/ses-mailer.ts';
import { renderEdition } from '../functions/app/digest.ts';
import { importCommentaries } from '../functions/app/import-commentaries.ts';
import { manageUrl } from '../functions/app/links.ts';
import { everyConfirmedPage } from '../functions/app/recipients.ts';
import { editionReport } from '../functions/app/report.ts';
import { eraseSubscriber, exportSubscriber } from '../functions/app/subscriber-data.ts';
import { editionAt, isEdition } from '../functions/core/edition.ts';
import { normalizeEmail } from '../functions/core/email.ts';
import { NewsletterError } from '../functions/core/errors.ts';
import { subscriberIdFor } from '../functions/core/identity.ts';
import { isLanguage, type Language } from '../functions/core/language.ts';
import { createSendContext } from '../functions/handlers/context.ts';
import { personalizeDigest } from '../templates/personalize.ts';
import { sendLocally } from './send-locally.ts';

/** Where the CLI writes: normal output, and errors/progress. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  progress?(line: string): void;
}

/** A failure to report as one clear line with a non-zero exit code. */
export class CliError extends NewsletterError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'CliError';
  }
}

const USAGE = `usage: npm run newsletter -- <command>
  import <file|dir>...                      validate and import commentary files (Markdown + front matter)
  preview [--edition W] [--language L] [--out DIR]   write each language's digest (HTML + text) and print the paths
  send [--edition W] [--dry-run] [--to ADDRESS]      send an edition (default: this week's) to every confirmed reader
  status [--edition W]                      the send report per language
  subscribers export ADDRESS                a reader's data as JSON
  subscribers erase ADDRESS                 remove a reader's data for good`;

function markdownFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(p);
    } catch {
      throw new CliError(`no such file or folder: ${p}`);
    }
    if (stat.isDirectory())
      files.push(
        ...markdownFiles(
          readdirSync(p)
            .sort()
            .map((name) => join(p, name)),
        ),
      );
    else if (p.endsWith('.md')) files.push(p);
    else if (paths.includes(p)) files.push(p);
  }
  return files;
}

/** Runs one CLI command against the stack the environment points at; resolves to the exit code. */
export async function runCli(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      edition: { type: 'string' },
      language: { type: 'string' },
      out: { type: 'string' },
      'dry-run': { type: 'boolean' },
      to: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  if (values.edition !== undefined && !isEdition(values.edition))
    throw new CliError(`--edition must look like 2026-W48, not ${values.edition}`);
  if (values.language !== undefined && !isLanguage(values.language))
    throw new CliError('--language must be en, be or ru');
  const ctx = await createSendContext(env);
  const edition = values.edition ?? editionAt(Date.now(), ctx.config.TIMEZONE);

  switch (command) {
    case 'import': {
      if (rest.length === 0) throw new CliError('import needs at least one file or folder');
      const files = markdownFiles(rest).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
      const result = await importCommentaries(ctx.commentaries, files);
      for (const c of result.created) io.out(`created  ${c.edition} ${c.language} ${c.key}  (${c.path})`);
      for (const c of result.updated) io.out(`updated  ${c.edition} ${c.language} ${c.key}  (${c.path})`);
      for (const p of result.problems) io.err(`invalid  ${p.path}: ${p.field}: ${p.message}`);
      io.out(
        `${result.created.length} created, ${result.updated.length} updated, ${new Set(result.problems.map((p) => p.path)).size} invalid`,
      );
      return result.problems.length > 0 ? 1 : 0;
    }
    case 'preview': {
      const dir = resolve(values.out ?? join('.data', 'preview', edition));
      mkdirSync(dir, { recursive: true });
      const { digests, skipped } = await renderEdition(ctx.commentaries, ctx.settings, edition);
      const sample = `${ctx.config.PUBLIC_URL}/unsubscribe?token=preview`;
      for (const d of digests) {
        if (values.language && d.plan.language !== values.language) continue;
        const mail = personalizeDigest(d.rendered, sample);
        const base = join(dir, d.plan.language);
        writeFileSync(`${base}.html`, mail.html);
        writeFileSync(`${base}.txt`, `Subject: ${mail.subject}\n\n${mail.text}`);
        io.out(
          `${d.plan.language}: ${base}.html  ${base}.txt  (${d.plan.items.length} commentaries${d.plan.source ? `, from ${d.plan.source}` : ''}, ${Buffer.byteLength(mail.html)} bytes)`,
        );
      }
      for (const l of skipped) io.out(`${l}: skipped, no commentaries for ${edition}`);
      if (digests.length === 0) throw new CliError(`no commentaries for ${edition}; import some first`);
      return 0;
    }
    case 'send': {
      if (values.to) return sendTest(ctx, edition, values.to, io);
      if (values['dry-run']) {
        const { digests, skipped } = await renderEdition(ctx.commentaries, ctx.settings, edition);
        for (const d of digests) {
          let count = 0;
          for await (const page of everyConfirmedPage(ctx.subscribers, d.plan.language, ctx.sends.shards, 1000)) {
            count += page.ids.length;
          }
          io.out(`${d.plan.language}: would send ${d.plan.items.length} commentaries to ${count} readers`);
        }
        for (const l of skipped) io.out(`${l}: skipped, no commentaries for ${edition}`);
        return 0;
      }
      const { result, progress, deadLetters } = await sendLocally(ctx, {
        edition,
        onProgress: (p) =>
          io.progress?.(progressBar(edition, p.sent + p.skipped + p.failed + p.duplicates, p.planned, p.sent)),
      });
      io.out(
        `${edition}: ${result.status}; sent ${progress.sent}, skipped ${progress.skipped}, failed ${progress.failed}, already handled ${progress.duplicates}`,
      );
      const skipped = 'skipped' in result ? result.skipped : [];
      for (const l of skipped) io.out(`${l}: skipped, no commentaries for ${edition} and no fallback`);
      if (result.status === 'nothing-to-send')
        io.err(`nothing to send: no commentaries for ${edition}; import some first`);
      if (result.status === 'lost-lease') io.err(`another dispatcher took over ${edition}; run send again to finish`);
      const stranded = deadLetters.reduce((n, b) => n + b.ids.length, 0);
      if (stranded > 0) io.err(`${stranded} readers were not reached after repeated failures; run send again`);
      return result.status === 'nothing-to-send' || result.status === 'lost-lease' || stranded > 0 ? 1 : 0;
    }
    case 'status': {
      const report = await editionReport(ctx.sends, edition);
      io.out(JSON.stringify(report, null, 2));
      return 0;
    }
    case 'subscribers': {
      const [action, address] = rest;
      if (!address || (action !== 'export' && action !== 'erase'))
        throw new CliError('usage: subscribers export|erase ADDRESS');
      if (action === 'export') {
        const data = await exportSubscriber(ctx.subscribers, ctx.secrets.idKey, address);
        if (!data) throw new CliError('no data is held for that address');
        io.out(JSON.stringify(data, null, 2));
        return 0;
      }
      const erased = await eraseSubscriber(ctx.subscribers, ctx.secrets.idKey, address);
      io.out(erased ? 'erased' : 'no data was held for that address');
      return 0;
    }
    default:
      throw new CliError(`unknown command ${command}\n${USAGE}`);
  }
}

function progressBar(edition: string, done: number, total: number, sent: number): string {
  const width = 30;
  const filled = total > 0 ? Math.min(width, Math.round((width * done) / total)) : 0;
  return `${edition} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} handled, ${sent} sent`;
}

async function sendTest(ctx: Awaited<ReturnType<typeof createSendContext>>, edition: string, to: string, io: CliIo) {
  const { address, key } = normalizeEmail(to);
  const { digests } = await renderEdition(ctx.commentaries, ctx.settings, edition);
  const sub = await ctx.subscribers.get(subscriberIdFor(ctx.secrets.idKey, key));
  const wanted: Language = sub?.language ?? 'en';
  const digest = digests.find((d) => d.plan.language === wanted) ?? digests[0];
  if (!digest) throw new CliError(`no commentaries for ${edition}; import some first`);
  const url = manageUrl(ctx.config.PUBLIC_URL, ctx.secrets.ring, subscriberIdFor(ctx.secrets.idKey, key), Date.now());
  const mail = personalizeDigest(digest.rendered, url);
  const mailer = SesMailer.create(ctx.config.SENDER_EMAIL, ctx.config.SES_CONFIGURATION_SET);
  await mailer.send({
    to: address,
    ...mail,
    subject: `[TEST] ${mail.subject}`,
    headers: [{ name: 'List-Unsubscribe', value: `<${url}>` }],
  });
  io.out(`test copy of ${edition} (${digest.plan.language}) sent; the edition is not marked as sent`);
  return 0;
}
