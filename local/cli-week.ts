import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PrepareResult } from '../functions/app/prepare.ts';
import type { FeedPullReport, PullFeedsResult } from '../functions/app/pull-feeds.ts';
import { LANGUAGES } from '../functions/core/language.ts';
import { type AdminApi, CliError } from './api-client.ts';
import { count } from './plural.ts';

/** Where these commands write. */
interface Io {
  out(line: string): void;
  err(line: string): void;
}

function feedLines(feeds: readonly FeedPullReport[], io: Io): number {
  for (const f of feeds) {
    if (f.status === 'failed') {
      io.err(`failed        ${f.language} ${f.url}: ${f.error}`);
      continue;
    }
    const reasons = Object.entries(f.skippedBy)
      .map(([why, n]) => `${n} ${why}`)
      .join(', ');
    io.out(
      `${f.status.padEnd(13)} ${f.language} ${f.url}: ${f.created} created, ${f.updated} updated, ${f.unchanged} unchanged, ${f.skipped} skipped${reasons ? ` (${reasons})` : ''}`,
    );
  }
  return feeds.some((f) => f.status === 'failed') ? 1 : 0;
}

/** `feeds pull [--edition W]`: what each feed brought; exit code 1 when one failed (the others are imported). */
export async function feedsPull(api: AdminApi, edition: string, io: Io): Promise<number> {
  const result = (await api.request('POST', '/admin/feeds/pull', { body: { edition } })).json<PullFeedsResult>();
  if (result.feeds.length === 0) io.out('no feeds configured (FEEDS)');
  return feedLines(result.feeds, io);
}

/** What happened to the editors' previews: mailed now, mailed by an earlier prepare (not again), or no editors. */
function previewLine(result: PrepareResult, held: string): string {
  const before = result.previewsBefore ?? 0;
  const lost = result.previewsUncertain ?? 0;
  const parts = [
    ...(result.previews > 0 ? [`preview mailed to ${count(result.previews, 'editor')}${held}`] : []),
    ...(before > 0 ? [`${count(before, 'editor')} had this preview already, not mailed again`] : []),
    ...(lost > 0 ? [`${count(lost, 'preview')} handed to SES without an answer, not resent`] : []),
  ];
  if (parts.length === 0) return `${result.edition}: no EDITOR_EMAILS configured, no preview mailed`;
  return `${result.edition}: ${parts.join('; ')}`;
}

/** `prepare` of an edition whose send started: what was sent per language, and that no hold link was mailed. */
function startedLines(result: PrepareResult, started: NonNullable<PrepareResult['started']>, io: Io): number {
  const state = started.status === 'sent' ? 'already sent' : 'being sent';
  io.out(`${result.edition}: ${state}, no hold link mailed (its send started ${started.startedAt})`);
  for (const [lang, r] of Object.entries(started.sent))
    io.out(`${lang}: sent to ${r?.sent ?? 0} of ${count(r?.planned ?? 0, 'reader')}, ${r?.failed ?? 0} failed`);
  for (const lang of result.skipped) io.out(`${lang}: not sent, no commentaries`);
  io.out(previewLine(result, ''));
  return 0;
}

/** `prepare [--edition W]`: pulls the feeds and mails the editors their preview with the hold link. */
export async function prepareEdition(api: AdminApi, edition: string, io: Io): Promise<number> {
  const result = (await api.request('POST', '/admin/prepare', { body: { edition } })).json<PrepareResult>();
  if (result.started) return startedLines(result, result.started, io);
  const failed = feedLines(result.feeds, io);
  for (const [lang, l] of Object.entries(result.languages))
    io.out(
      `${lang}: ${count(l?.commentaries ?? 0, 'commentary', 'commentaries')} for ${count(l?.readers ?? 0, 'reader')}${l?.source ? ` (from ${l.source})` : ''}`,
    );
  for (const lang of result.skipped) io.out(`${lang}: skipped, no commentaries`);
  io.out(previewLine(result, result.held ? ' (the edition is held)' : ''));
  return failed;
}

/** `preview`: each language's digest (HTML and text) written to a folder, the paths printed. */
export async function preview(
  api: AdminApi,
  edition: string,
  language: string | undefined,
  out: string | undefined,
  io: Io,
) {
  const dir = resolve(out ?? join('.data', 'preview', edition));
  mkdirSync(dir, { recursive: true });
  let written = 0;
  for (const lang of language ? [language] : LANGUAGES) {
    const path = `/admin/editions/${edition}/preview/${lang}`;
    let html: string;
    try {
      html = (await api.request('GET', path, { accept: 'text/html' })).text;
    } catch (error) {
      if (!/^404: .* has no digest in/.test((error as Error).message)) throw error;
      io.out(`${lang}: skipped, no commentaries for ${edition}`);
      continue;
    }
    const text = (await api.request('GET', path, { accept: 'text/plain' })).text;
    const base = join(dir, lang);
    writeFileSync(`${base}.html`, html);
    writeFileSync(`${base}.txt`, text);
    io.out(`${lang}: ${base}.html  ${base}.txt  (${Buffer.byteLength(html)} bytes)`);
    written++;
  }
  if (written === 0) throw new CliError(`no digest of ${edition} to preview`);
  return 0;
}
