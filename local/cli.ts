import { parseArgs } from 'node:util';
import type { EditionStatus } from '../functions/app/editions.ts';
import { editionAt, isEdition } from '../functions/core/edition.ts';
import { isLanguage, languageChoices } from '../functions/core/language.ts';
import { DEFAULT_SCHEDULE } from '../functions/core/weekly-schedule.ts';
import { AdminApi, CliError, resolveTarget } from './api-client.ts';
import { doctorCommand } from './cli-doctor.ts';
import { editorial } from './cli-edit.ts';
import { editorsCommand } from './cli-editors.ts';
import { importFiles } from './cli-import.ts';
import { migrateCommand } from './cli-migrate.ts';
import { sendEdition, skipText } from './cli-send.ts';
import { IMPORT_FLAGS, importSubscribers } from './cli-subscribers-import.ts';
import { feedsPull, prepareEdition, preview } from './cli-week.ts';
import { count } from './plural.ts';

export { CliError } from './api-client.ts';

/** Where the CLI writes: normal output, and errors/progress. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  progress?(line: string): void;
  /** Asks a question on a terminal and resolves with the answer (absent when not on a terminal). */
  ask?(question: string): Promise<string>;
}

const USAGE = `usage: npm run newsletter -- [--api URL | --outputs FILE] <command>
  import <file|dir>...                      validate and import commentary files (Markdown + front matter)
  preview [--edition W] [--language L] [--out DIR]   write each language's digest (HTML + text) and print the paths
  send [--edition W] [--dry-run] [--yes] [--to ADDRESS]...   send an edition (default: this week's) to every
                                            confirmed reader: prints the readers per language and asks on a
                                            terminal; another week than the current one needs --yes;
                                            --to mails a [TEST] copy to each address instead
  hold | release [--edition W]              stop an edition from being sent (by the schedule or send) / let it go
  feeds pull [--edition W]                  import the week's items from the configured feeds (FEEDS)
  prepare [--edition W]                     pull the feeds and mail the editors the preview with a hold link
                                            (once its send started: no pull, no hold link, what was sent)
  order [--edition W] KEY...                these keys first, in every language (the others follow in import order)
  note --language L [--edition W] (TEXT... | --file FILE | --delete)   the editor's note above the items
  remove | restore KEY [--language L] [--edition W]   take an item out of an edition not yet sent / put it back
  status [--edition W] [--json]             the send report per language
  stats [--json]                            subscribers per language and status (from the readers' counters)
  stats backfill                            once after upgrading: count the readers stored before the counters
                                            existed (repeatable; counts each reader once)
  subscribers lookup ADDRESS                whether data is held for a reader: masked address, status, language,
                                            dates (data requests' role, SubscriberDataPolicyArn)
  subscribers export ADDRESS                a reader's data as JSON, address in clear (data requests' role)
  subscribers erase ADDRESS                 remove a reader's data for good (data requests' role)
  subscribers import FILE... [--format F] [--language L] [--map a=B,...] [--encoding windows-1251]
      [--update-language] [--dry-run [--local]]   bring a list from Mailchimp, Substack, listmonk, Ghost, Buttondown
                                            or any CSV (data requests' role); --dry-run writes nothing (--local:
                                            read the files here, without the API)
  migrate encrypt-addresses                 seal addresses still in clear, re-seal those of an older data key
                                            (npm start's table; resumable, safe to run twice and during a send)
  migrate trim-consent                      drop the user agents and address hashes older consent records kept
                                            (the same properties)
  editors add ADDRESS --role editor|data | editors remove ADDRESS | editors list   the desk's sign-in accounts:
                                            npm start's (add prints the password once), with --outputs the user pool's
  doctor [--outputs FILE]                   read-only checks of a deployed stack (identity, DKIM, MAIL FROM, sandbox,
                                            quota, receipt rules, alarm topic) or of npm start; exit 1 if one fails
Default API: the npm start stack on PORT (3000), signed with its credentials; --api/--outputs (cdk deploy
--outputs-file) sign with your AWS credentials (environment, AWS_PROFILE, SSO).`;

/** A lookup's answer as lines: `a***@mail.ru  confirmed  ru`, then each date. */
function lookupLines(found: Record<string, string>): string {
  const { maskedEmail, status, language, ...dates } = found;
  return [`${maskedEmail}  ${status}  ${language}`, ...Object.entries(dates).map(([k, v]) => `  ${k} ${v}`)].join('\n');
}

function statusLines(report: EditionStatus): string[] {
  const lines = [`${report.edition}: ${report.status}${report.held ? ', held' : ''}`];
  for (const [lang, r] of Object.entries(report.languages))
    lines.push(
      `  ${lang}: planned ${r?.planned}, sent ${r?.sent}, failed ${r?.failed}, skipped ${r?.skipped}, bounced ${r?.bounced}, complained ${r?.complained}, uncertain ${r?.uncertain ?? 0}, pending ${r?.pending}, unhandled ${r?.unhandled}`,
    );
  for (const lang of report.skippedLanguages) lines.push(`  ${lang}: skipped, ${skipText(report.skippedWhy, lang)}`);
  return lines;
}

/** Runs the counters' backfill step by step until the whole table was read. */
async function backfillCounts(api: AdminApi, io: CliIo): Promise<number> {
  let counted = 0;
  let already = 0;
  let after: string | undefined;
  do {
    const step = (await api.request('POST', '/admin/stats/backfill', { body: after ? { after } : {} })).json<{
      counted: number;
      already: number;
      next?: string;
    }>();
    counted += step.counted;
    already += step.already;
    after = step.next;
    io.progress?.(`backfill: ${counted + already} readers read`);
  } while (after);
  io.out(`counted ${count(counted, 'reader')} now, ${count(already, 'reader')} counted already`);
  return 0;
}

/** Runs one CLI command as a client of the editors' API; resolves to the exit code. */
export async function runCli(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      api: { type: 'string' },
      outputs: { type: 'string' },
      edition: { type: 'string' },
      language: { type: 'string' },
      out: { type: 'string' },
      'dry-run': { type: 'boolean' },
      to: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      yes: { type: 'boolean' },
      again: { type: 'boolean' },
      file: { type: 'string' },
      delete: { type: 'boolean' },
      help: { type: 'boolean' },
      ...IMPORT_FLAGS,
      role: { type: 'string' },
    },
  });
  const [command, ...rest] = positionals;
  // Asked for (`--help`, `help`) the usage is the answer: exit 0; without a command it is an error: exit 2.
  if (!command || values.help || command === 'help') {
    (values.help || command ? io.out : io.err)(USAGE);
    return values.help || command ? 0 : 2;
  }
  if (values.edition !== undefined && !isEdition(values.edition))
    throw new CliError(`--edition must look like 2026-W48, not ${values.edition}`);
  if (values.language !== undefined && !isLanguage(values.language))
    throw new CliError(`--language must be ${languageChoices()}`);
  if (command === 'doctor') return doctorCommand(values.outputs, env, io.out);
  if (command === 'migrate') return migrateCommand(rest[0], env, io.out);
  if (command === 'editors') return editorsCommand(rest, values, env, io.out);
  const edition = values.edition ?? editionAt(Date.now(), env.TIMEZONE ?? DEFAULT_SCHEDULE.timezone);
  const api = new AdminApi(resolveTarget(values, env));
  const path = `/admin/editions/${edition}`;
  switch (command) {
    case 'import':
      return importFiles(api, rest, io);
    case 'preview':
      return preview(api, edition, values.language, values.out, io);
    case 'send':
      return sendEdition(
        api,
        {
          edition,
          dryRun: values['dry-run'] ?? false,
          to: values.to ?? [],
          language: values.language,
          yes: values.yes ?? false,
          current: editionAt(Date.now(), env.TIMEZONE ?? DEFAULT_SCHEDULE.timezone),
        },
        io,
      );
    case 'hold':
      await api.request('PUT', `${path}/hold`);
      io.out(`${edition}: held; neither the schedule nor send will start it until release`);
      return 0;
    case 'release': {
      const { released } = (await api.request('DELETE', `${path}/hold`)).json<{ released: boolean }>();
      io.out(released ? `${edition}: released` : `${edition}: was not held`);
      return 0;
    }
    case 'status': {
      const answer = await api.request('GET', path);
      for (const line of values.json ? [answer.text] : statusLines(answer.json<EditionStatus>())) io.out(line);
      return 0;
    }
    case 'order':
    case 'note':
    case 'remove':
    case 'restore':
      return editorial(
        command,
        api,
        { edition, language: values.language, file: values.file, delete: values.delete },
        rest,
        io,
      );
    case 'feeds':
      if (rest[0] !== 'pull') throw new CliError('usage: feeds pull [--edition W]');
      return feedsPull(api, edition, io);
    case 'prepare':
      return prepareEdition(api, edition, io);
    case 'stats': {
      if (rest[0] === 'backfill') return backfillCounts(api, io);
      if (rest.length > 0) throw new CliError('usage: stats [--json] | stats backfill');
      const answer = await api.request('GET', '/admin/stats');
      const stats = answer.json<{ total: number; languages: Record<string, Record<string, number>> }>();
      if (values.json) io.out(answer.text);
      else {
        io.out(count(stats.total, 'subscriber'));
        for (const [lang, row] of Object.entries(stats.languages))
          io.out(
            `  ${lang}: ${Object.entries(row)
              .map(([status, n]) => `${status} ${n}`)
              .join(', ')}`,
          );
      }
      return 0;
    }
    case 'subscribers': {
      const [action, address] = rest;
      if (action === 'import') return importSubscribers(api, rest.slice(1), values, io);
      if (!address || rest.length > 2 || !['lookup', 'export', 'erase'].includes(action ?? ''))
        throw new CliError('usage: subscribers lookup|export|erase ADDRESS');
      const answer = await api.request('POST', `/admin/subscribers/${action}`, { body: { email: address } });
      if (action === 'lookup') io.out(lookupLines(answer.json()));
      else if (action === 'export') io.out(JSON.stringify(answer.json(), null, 2));
      else io.out(answer.json<{ erased: boolean }>().erased ? 'erased' : 'no data was held for that address');
      return 0;
    }
    default:
      throw new CliError(`unknown command ${command}\n${USAGE}`);
  }
}
