import { Cron } from 'croner';
import { runRepermission } from '../functions/app/import-list/repermission-run.ts';
import { prepare } from '../functions/app/prepare.ts';
import { editionAt } from '../functions/core/edition.ts';
import {
  DEFAULT_PREPARE_SCHEDULE,
  DEFAULT_SCHEDULE,
  REPERMISSION_SCHEDULE,
} from '../functions/core/weekly-schedule.ts';
import { prepareDeps } from '../functions/wiring/feeds.ts';
import { createMailer } from '../functions/wiring/mailer.ts';
import { createRepermissionDeps } from '../functions/wiring/repermission.ts';
import { createSendContext } from '../functions/wiring/send.ts';
import { defaultPorts } from './env.ts';
import { SAMPLE_FEED_PATHS } from './sample-feeds.ts';
import { seedSamples } from './seed.ts';
import { startLocalStack } from './stack.ts';

const ports = defaultPorts();
const stack = await startLocalStack({
  port: ports.api,
  dynamoPort: ports.dynamo,
  sesPort: ports.ses,
  smtpPort: ports.smtp,
  dataDir: '.data',
  // The same keys as the stack's context: the week's feeds and who gets the preview and the report.
  env: Object.fromEntries(
    ['FEEDS', 'FEED_TRENDS', 'EDITOR_EMAILS'].flatMap((k) => (process.env[k] ? [[k, process.env[k] as string]] : [])),
  ),
});
const ctx = await createSendContext(stack.env);
const edition = editionAt(Date.now(), ctx.config.TIMEZONE);
// With feeds configured the week comes from them; sample commentaries would only double it.
const feedCount = Object.values(ctx.config.FEEDS).flat().length;
const seeded = feedCount > 0 ? 0 : await seedSamples(ctx, edition);
const mailer = createMailer(ctx.config);

// The same cron expression and time zone as the deployed EventBridge Scheduler schedule.
const schedule = new Cron(DEFAULT_SCHEDULE.cron, { timezone: DEFAULT_SCHEDULE.timezone, protect: true }, async () => {
  const { result, progress } = await stack.dispatch();
  const why = result.status === 'sender-not-verified' ? ` (${result.reason})` : '';
  console.log(`[schedule] ${result.edition}: ${result.status}${why}, ${progress.sent} sent`);
});

// `prepare` on its own schedule, two hours before the send by default, as on AWS.
const preparing = new Cron(
  DEFAULT_PREPARE_SCHEDULE.cron,
  { timezone: DEFAULT_PREPARE_SCHEDULE.timezone, protect: true },
  async () => {
    const result = await prepare(prepareDeps(ctx, mailer));
    const failed = result.feeds.filter((f) => f.status === 'failed').length;
    const pulled = result.started
      ? `${result.started.status}, no hold link`
      : `${result.feeds.length} feeds (${failed} failed)`;
    console.log(`[prepare] ${result.edition}: ${pulled}, ${result.previews} previews`);
  },
);
// The imports' re-permission steps, daily, as on AWS; a run here has no time limit.
const repermissionDeps = (await createRepermissionDeps(stack.env)).deps;
const repermitting = new Cron(
  REPERMISSION_SCHEDULE.cron,
  { timezone: REPERMISSION_SCHEDULE.timezone, protect: true },
  async () => {
    const run = await runRepermission(repermissionDeps, () => Number.POSITIVE_INFINITY);
    console.log(`[repermission] ${run.mailed} mailed, ${run.reminded} reminded, ${run.erased} erased`);
  },
);
const sampleFeeds = Object.entries(SAMPLE_FEED_PATHS)
  .map(([lang, path]) => `"${lang}":["${stack.apiUrl}${path}"]`)
  .join(',');

console.log(`Belarus Weekly is running on this machine only (data in .data/).
  Home page and API      ${stack.apiUrl}/
  Inbox viewer (SES)     ${stack.sesUrl}/    (sent e-mails as JSON: ${stack.sesUrl}/store)
  DynamoDB stand-in      ${stack.dynamo.endpoint}
  Inbound mail (SMTP)    127.0.0.1:${stack.smtp.port} for *@${stack.env.INBOUND_DOMAIN}   (what arrived: ${stack.apiUrl}/local/inbound)
  Weekly send            "${DEFAULT_SCHEDULE.cron}" ${DEFAULT_SCHEDULE.timezone}, next ${schedule.nextRun()?.toISOString() ?? 'never'}
  Prepare (feeds, preview) "${DEFAULT_PREPARE_SCHEDULE.cron}" ${DEFAULT_PREPARE_SCHEDULE.timezone}, next ${preparing.nextRun()?.toISOString() ?? 'never'}
  Re-permission steps    "${REPERMISSION_SCHEDULE.cron}" ${REPERMISSION_SCHEDULE.timezone}, next ${repermitting.nextRun()?.toISOString() ?? 'never'}
  Feeds                  ${feedCount} configured (FEEDS); editors: ${ctx.config.EDITOR_EMAILS.length} (EDITOR_EMAILS)
  Sample feeds           FEEDS='{${sampleFeeds}}'
  This week              ${edition}${seeded ? ` (seeded ${seeded} sample commentaries)` : ''}
Try it: open ${stack.apiUrl}/ and follow its three steps (subscribe, confirm in the inbox viewer, send).
Editors' desk         ${stack.signin.deskUrl}  (sign in with one of these; more: npm run newsletter -- editors add ADDRESS --role editor|data)
${stack.signin.samples.map((a) => `desk account ${a.group}: ${a.username} / ${a.password}`).join('\n')}
Editors' API          ${stack.apiUrl}/admin/  (SigV4 with this process's AWS_ACCESS_KEY_ID, default local/local)
Editors: npm run newsletter -- import <dir> | feeds pull | prepare | preview | send | hold | release | status | stats
Press Ctrl-C to stop.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    schedule.stop();
    preparing.stop();
    repermitting.stop();
    void stack.close().then(() => process.exit(0));
  });
}
