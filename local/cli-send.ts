import type { EditionStatus } from '../functions/app/editions.ts';
import { SKIP_REASON_TEXT, type SkipReason } from '../functions/core/digest-view.ts';
import type { LanguageReport } from '../functions/core/send.ts';
import type { AdminApi } from './api-client.ts';
import type { CliIo } from './cli.ts';
import { count } from './plural.ts';

/** What `send` was asked to do. */
export interface SendRequest {
  readonly edition: string;
  readonly dryRun: boolean;
  readonly to: readonly string[];
  readonly language: string | undefined;
  /** `--yes`: no question asked, and an edition other than the current week is confirmed. */
  readonly yes: boolean;
  /** The current week by this machine's clock (the API decides by its own). */
  readonly current: string;
}

type Plan = {
  held: boolean;
  languages: Record<string, { commentaries: number; readers: number }>;
  skipped: string[];
  why?: Partial<Record<string, SkipReason>>;
};

/** Why a language is skipped, in words ('no commentaries' when the answer does not say). */
export const skipText = (why: Partial<Record<string, SkipReason>> | undefined, language: string) =>
  SKIP_REASON_TEXT[why?.[language] ?? 'no-commentaries'];

/**
 * Before a real send: prints the readers per language; for the current week on a terminal, asks (`--yes` skips).
 * False when the editor said no. Another week is not asked about: without `--yes` the API refuses it.
 */
async function confirmed(api: AdminApi, req: SendRequest, io: CliIo): Promise<boolean> {
  const plan = (
    await api.request('POST', `/admin/editions/${req.edition}/send`, { body: { dryRun: true } })
  ).json<Plan>();
  const readers = Object.entries(plan.languages).map(([lang, p]) => `${lang} ${count(p.readers, 'reader')}`);
  io.out(`${req.edition} goes to ${readers.join(', ') || 'nobody'}`);
  if (req.yes || req.edition !== req.current || !io.ask) return true;
  const answer = await io.ask(`Send ${req.edition} now? [y/N] `);
  if (/^y(es)?$/i.test(answer.trim())) return true;
  io.err(`${req.edition}: not sent`);
  return false;
}

// Polls start quick and slow down: each report reads every delivery record of the edition.
const pollDelay = (i: number) => Math.min(2000, 200 * 1.5 ** i);
// A send whose figures do not move for this long has stopped (a dead-lettered batch, a stopped dispatcher).
const STALL_MS = Number(process.env.NEWSLETTER_SEND_STALL_SECONDS ?? 60) * 1000;

function totals(report: EditionStatus) {
  const sum = { planned: 0, sent: 0, failed: 0, skipped: 0, uncertain: 0, pending: 0, unhandled: 0 };
  for (const r of Object.values(report.languages) as LanguageReport[])
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += r[k] ?? 0;
  return sum;
}

function progressBar(edition: string, done: number, total: number, sent: number): string {
  const width = 30;
  const filled = total > 0 ? Math.min(width, Math.round((width * done) / total)) : 0;
  return `${edition} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} handled, ${sent} sent`;
}

/** Polls the report until every e-mail is handed to SES (or settled), or nothing has moved for a while. */
async function follow(api: AdminApi, edition: string, io: CliIo): Promise<EditionStatus> {
  let last = '';
  let moved = Date.now();
  for (let i = 0; ; i++) {
    const report = (await api.request('GET', `/admin/editions/${edition}`)).json<EditionStatus>();
    const t = totals(report);
    const done = t.sent + t.failed + t.skipped + t.uncertain;
    io.progress?.(progressBar(edition, done, t.planned, t.sent));
    if (report.status === 'dispatched' && t.pending === 0 && t.unhandled === 0) return report;
    const figures = JSON.stringify([report.status, t]);
    if (figures !== last) [last, moved] = [figures, Date.now()];
    if (Date.now() - moved > STALL_MS) return report;
    await new Promise((r) => setTimeout(r, pollDelay(i)));
  }
}

/** `send`: a test copy (`--to`), a dry run, or the real send followed to its end with a progress bar. */
export async function sendEdition(api: AdminApi, req: SendRequest, io: CliIo): Promise<number> {
  const path = `/admin/editions/${req.edition}`;
  if (req.to.length > 0) {
    const body = { to: req.to, ...(req.language ? { language: req.language } : {}) };
    const { sent } = (await api.request('POST', `${path}/test`, { body })).json<{ sent: { language: string }[] }>();
    const languages = [...new Set(sent.map((s) => s.language))].join(', ');
    io.out(
      `${count(sent.length, 'test copy', 'test copies')} of ${req.edition} (${languages}) sent; the edition is not marked as sent`,
    );
    return 0;
  }
  if (req.dryRun) {
    const plan = (await api.request('POST', `${path}/send`, { body: { dryRun: true } })).json<Plan>();
    for (const line of planLines(plan.languages)) io.out(line);
    for (const l of plan.skipped) io.out(`${l}: skipped, ${skipText(plan.why, l)} for ${req.edition}`);
    if (plan.held) io.out(`${req.edition} is held: send would be refused until release`);
    return 0;
  }
  if (!(await confirmed(api, req, io))) return 1;
  const body = req.yes ? { confirm: req.edition } : undefined;
  const { status } = (await api.request('POST', `${path}/send`, { body })).json<{ status: string }>();
  const report = await follow(api, req.edition, io);
  const t = totals(report);
  io.out(
    `${req.edition}: ${status}; sent ${t.sent}, skipped ${t.skipped}, failed ${t.failed}, uncertain ${t.uncertain}, pending ${t.pending + t.unhandled}`,
  );
  if (t.uncertain > 0)
    io.err(`${t.uncertain} e-mails may or may not have reached SES (its answer was lost); they are not resent`);
  for (const l of report.skippedLanguages)
    io.out(`${l}: skipped, ${skipText(report.skippedWhy, l)} for ${req.edition} and no fallback`);
  if (report.status !== 'dispatched') {
    io.err(`${req.edition} did not finish dispatching; run send again to resume`);
    return 1;
  }
  if (t.pending + t.unhandled > 0) {
    const left = t.pending + t.unhandled;
    io.err(`${count(left, 'reader was', 'readers were')} not reached yet; run send again or check status`);
    return 1;
  }
  return 0;
}

/** What a dry run would send, one line per language. */
export function planLines(languages: Record<string, { commentaries: number; readers: number }>): string[] {
  return Object.entries(languages).map(
    ([lang, p]) =>
      `${lang}: would send ${count(p.commentaries, 'commentary', 'commentaries')} to ${count(p.readers, 'reader')}`,
  );
}
