import { createRequire } from 'node:module';
import { startDynalite, startSes } from '../local/stand-ins.ts';
import { startFakeSqs } from '../test/support/fake-sqs.ts';
import { startRateLimitedSes } from '../test/support/send-rate.ts';
import { countQueued } from './checks.ts';
import { serveParent } from './child.ts';
import { startLatencyProxy } from './latency-proxy.ts';

// The SES stand-in keeps what it was sent in this module; the same instance its server uses.
const sesStore = createRequire(import.meta.url)('aws-ses-v2-local/dist/store.js') as {
  getStoreReadonly(): { emails: { destination: { to: string[] } }[] };
  clearStore(): void;
};

const dynamo = await startDynalite();
const ses = await startSes();
const sqs = await startFakeSqs();

// SES's maximum send rate, as the account enforces it (test/support/send-rate.ts).
const limited = await startRateLimitedSes(ses.endpoint, Number(process.env.BENCH_SES_RATE ?? 50));

// The rate-limited SES behind SES's own latency: one proxy per added latency (BENCH_SES_LATENCIES, in ms).
const latencies = (process.env.BENCH_SES_LATENCIES ?? '').split(',').filter(Boolean).map(Number);
const delayed: Record<string, string> = { 0: limited.endpoint };
for (const ms of latencies) if (ms > 0) delayed[ms] = (await startLatencyProxy(limited.endpoint, ms)).endpoint;

serveParent(async (m) => {
  if (m.type === 'count') {
    const { emails } = sesStore.getStoreReadonly();
    const recipients = new Set(emails.flatMap((e) => e.destination.to));
    return { emails: emails.length, recipients: recipients.size };
  }
  if (m.type === 'clear') return sesStore.clearStore();
  // CPU this process used so far (µs): the stand-ins' share of a figure, whatever else the machine runs.
  if (m.type === 'cpu') return process.cpuUsage();
  if (m.type === 'sqs-take') {
    const queued = countQueued(sqs.messages.map((msg) => msg.body));
    const taken = { messages: sqs.messages.length, calls: { ...sqs.calls }, queued };
    sqs.messages.length = 0;
    for (const key of Object.keys(sqs.calls)) delete sqs.calls[key];
    return taken;
  }
  if (m.type === 'limit-take') {
    const taken = { ...limited.counts };
    for (const key of Object.keys(limited.counts)) limited.counts[key as keyof typeof limited.counts] = 0;
    limited.refill();
    return taken;
  }
  throw new Error(`unknown request ${m.type}`);
});
process.send?.({
  type: 'ready',
  value: {
    dynamo: dynamo.endpoint,
    ses: ses.endpoint,
    sqs: sqs.endpoint,
    queueUrl: sqs.queueUrl,
    limitedSes: limited.endpoint,
    delayedSes: delayed,
  },
});
