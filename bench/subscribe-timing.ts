// How long POST /subscribe takes to answer, by the state of the address (issue 11 item 10: the time must not tell).
// Run: npm run build:templates && npx tsx bench/subscribe-timing.ts [samples]   (default 40 per state, interleaved)
import { startLocalStack } from '../local/stack.ts';
import { median, quantile, round } from './stats.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const SAMPLES = Number(process.argv[2] ?? 40);
const stack = await startLocalStack({ trustForwardedFor: true });
const settle = async () => (stack as { drain?: () => Promise<void> }).drain?.();
let client = 0;

async function post(email: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${stack.apiUrl}/subscribe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.${++client >> 8}.${client & 255}` },
    body: JSON.stringify({ email, language: 'en' }),
  });
  await res.arrayBuffer();
  if (res.status !== 202) throw new Error(`answer ${res.status}`);
  return performance.now() - started;
}

async function confirmLink(email: string): Promise<string> {
  await settle();
  const { emails } = (await (await fetch(`${stack.sesUrl}/store`)).json()) as {
    emails: { destination: { to: string[] }; body: { text?: string } }[];
  };
  const mail = emails.find((e) => e.destination.to.includes(email));
  const token = /\/confirm\?token=([^\s"&<>]+)/.exec(mail?.body.text ?? '')?.[1];
  if (!token) throw new Error(`no confirmation for ${email}`);
  return token;
}

async function confirmed(email: string): Promise<string> {
  await post(email);
  const res = await fetch(`${stack.apiUrl}/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `token=${await confirmLink(email)}`,
  });
  return (await res.text()).match(/href="([^"]*\/unsubscribe\?token=[^"]+)"/)?.[1]?.replace(/&amp;/g, '&') ?? '';
}

const pending = 'timing.pending@example.org';
await post(pending);
const reader = 'timing.confirmed@example.org';
await confirmed(reader);
const leaver = 'timing.unsubscribed@example.org';
await fetch(await confirmed(leaver), { method: 'POST', body: 'List-Unsubscribe=One-Click' });
await settle();

const times: Record<string, number[]> = { new: [], 'pending (cooldown)': [], confirmed: [], unsubscribed: [] };
for (let i = 0; i < 5; i++) await post(`warm${i}@example.org`);
// Each answer is timed alone: the mail work a request queued is finished (untimed) before the next request starts.
const timed = async (email: string) => {
  const ms = await post(email);
  await settle();
  return ms;
};
for (let i = 0; i < SAMPLES; i++) {
  times.new?.push(await timed(`timing.new.${i}@example.org`));
  times['pending (cooldown)']?.push(await timed(pending));
  times.confirmed?.push(await timed(reader));
  times.unsubscribed?.push(await timed(leaver));
}
await settle();
console.log(`POST /subscribe answer time, ${SAMPLES} samples per state (ms):`);
for (const [state, t] of Object.entries(times)) {
  console.log(`  ${state.padEnd(20)} median ${round(median(t), 1)}  p90 ${round(quantile(t, 0.9), 1)}`);
}
await stack.close();
