// Where figure 4's time goes, one request at a time (no queueing): the wall time and the CPU of the child process
// (the local runner, dynalite and the SES stand-in on one thread) per request, for each floor and for subscribe
// (its answer alone, then its answer plus its confirmation handed to SES). Figure 4 under load compares throughput
// once the confirmation queue backs up; this says what one request costs. Run: npm run bench:subscribe-parts [n]
import { startChild } from './child.ts';
import { median, round } from './stats.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const N = Number(process.argv[2] ?? 100);
const api = await startChild<{ apiUrl: string; floorUrl: string; queueFloorUrl: string }>('api-child.ts');
let client = 0;

async function post(url: string): Promise<void> {
  const i = ++client;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.7.${(i >> 8) & 255}.${i & 255}` },
    body: JSON.stringify({ email: `parts-${i}@bench.example`, language: 'en' }),
  });
  await res.arrayBuffer();
  if (res.status !== 202) throw new Error(`${url}: ${res.status}`);
}

/** Per request: median wall ms of `step`, and the child's CPU ms over all of them divided by their number. */
async function measure(step: () => Promise<void>): Promise<{ wallMs: number; cpuMs: number }> {
  for (let i = 0; i < 10; i++) await step();
  const walls: number[] = [];
  const cpu0 = await api.ask<number>({ type: 'cpu' });
  for (let i = 0; i < N; i++) {
    const started = performance.now();
    await step();
    walls.push(performance.now() - started);
  }
  const cpu = (await api.ask<number>({ type: 'cpu' })) - cpu0;
  return { wallMs: round(median(walls), 1), cpuMs: round(cpu / N, 2) };
}

const subscribe = `${api.ready.apiUrl}/subscribe`;
const drain = () => api.ask<void>({ type: 'drain' });
const rows: Record<string, { wallMs: number; cpuMs: number }> = {};
for (let pass = 1; pass <= 2; pass++) {
  const take = async (name: string, step: () => Promise<void>) => {
    const m = await measure(step);
    const was = rows[name];
    rows[name] = was ? { wallMs: (was.wallMs + m.wallMs) / 2, cpuMs: (was.cpuMs + m.cpuMs) / 2 } : m;
  };
  await take('queue floor (counter, enqueue)', () => post(api.ready.queueFloorUrl));
  // The answer, then (untimed for the answer, in the CPU) its confirmation: the CPU row is answer + consumer.
  let answer = 0;
  await take('subscribe, answer + confirmation to SES', async () => {
    const started = performance.now();
    await post(subscribe);
    answer += performance.now() - started;
    await drain();
  });
  await take('end-to-end floor (counter, put, SendEmail)', () => post(api.ready.floorUrl));
  console.log(`pass ${pass}: subscribe's answer alone, mean ${round(answer / (N + 10), 1)} ms`);
}
console.log(`${N} requests one at a time per row, 2 rounds; child process CPU per request (ms), median wall (ms):`);
for (const [name, m] of Object.entries(rows))
  console.log(`  ${name.padEnd(44)} cpu ${String(round(m.cpuMs, 2)).padStart(6)}   wall ${round(m.wallMs, 1)}`);
await api.close();
