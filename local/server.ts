import { Cron } from 'croner';
import { editionAt } from '../functions/core/edition.ts';
import { DEFAULT_SCHEDULE } from '../functions/core/weekly-schedule.ts';
import { createSendContext } from '../functions/handlers/context.ts';
import { defaultPorts } from './env.ts';
import { seedSamples } from './seed.ts';
import { startLocalStack } from './stack.ts';

const ports = defaultPorts();
const stack = await startLocalStack({
  port: ports.api,
  dynamoPort: ports.dynamo,
  sesPort: ports.ses,
  dataDir: '.data',
});
const ctx = await createSendContext(stack.env);
const edition = editionAt(Date.now(), ctx.config.TIMEZONE);
const seeded = await seedSamples(ctx, edition);

// The same cron expression and time zone as the deployed EventBridge Scheduler schedule.
const schedule = new Cron(DEFAULT_SCHEDULE.cron, { timezone: DEFAULT_SCHEDULE.timezone, protect: true }, async () => {
  const { result, progress } = await stack.dispatch();
  console.log(`[schedule] ${result.edition}: ${result.status}, ${progress.sent} sent`);
});

console.log(`Belarus Weekly is running on this machine only (data in .data/).
  Home page and API      ${stack.apiUrl}/
  Inbox viewer (SES)     ${stack.sesUrl}/    (sent e-mails as JSON: ${stack.sesUrl}/store)
  DynamoDB stand-in      ${stack.dynamo.endpoint}
  Weekly send            "${DEFAULT_SCHEDULE.cron}" ${DEFAULT_SCHEDULE.timezone}, next ${schedule.nextRun()?.toISOString() ?? 'never'}
  This week              ${edition}${seeded ? ` (seeded ${seeded} sample commentaries)` : ''}
Try it: open ${stack.apiUrl}/ and follow its three steps (subscribe, confirm in the inbox viewer, send).
Editors' API          ${stack.apiUrl}/admin/  (SigV4 with this process's AWS_ACCESS_KEY_ID, default local/local)
Editors: npm run newsletter -- import <dir> | preview | send | hold | release | status | stats   (in another terminal)
Press Ctrl-C to stop.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    schedule.stop();
    void stack.close().then(() => process.exit(0));
  });
}
