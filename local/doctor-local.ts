import { connect } from 'node:net';
import type { Check } from './doctor.ts';
import { defaultPorts } from './env.ts';

/** Reads the greeting of an SMTP server (its first line). */
export function smtpGreeting(host: string, port: number, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let data = '';
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no greeting within ${timeoutMs} ms`)));
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
      if (!data.includes('\n')) return;
      socket.end('QUIT\r\n');
      resolve(data.split(/\r?\n/)[0] as string);
    });
    socket.on('error', reject);
  });
}

async function reach(name: string, what: string, run: () => Promise<boolean>): Promise<Check> {
  try {
    return (await run()) ? { name, status: 'ok', detail: what } : { name, status: 'FAIL', detail: `${what}: no` };
  } catch (error) {
    return { name, status: 'FAIL', detail: `${what}: ${(error as Error).message} (is npm start running?)` };
  }
}

const ON_AWS_ONLY = 'applies on AWS only: run doctor --outputs FILE against a deployed stack';

/**
 * The checks of the `npm start` stack on PORT, SES_PORT and SMTP_PORT: each stand-in answers. What only an AWS
 * account has (identity, DKIM, MAIL FROM, sandbox, quota, receipt rules, the alarm topic) is listed as skipped.
 */
export async function localChecks(env: NodeJS.ProcessEnv): Promise<Check[]> {
  const ports = defaultPorts(env);
  const api = `http://127.0.0.1:${ports.api}`;
  const ses = `http://127.0.0.1:${ports.ses}`;
  const status = async (url: string) => (await fetch(url, { signal: AbortSignal.timeout(5000) })).status === 200;
  return [
    await reach('api', `${api} answers`, () => status(`${api}/robots.txt`)),
    await reach('ses', `the SES stand-in on ${ses} answers (it accepts every sender)`, () =>
      status(`${ses}/health-check`),
    ),
    await reach('inbound', `the SMTP stand-in on 127.0.0.1:${ports.smtp} greets`, async () =>
      (await smtpGreeting('127.0.0.1', ports.smtp)).startsWith('220'),
    ),
    ...['identity', 'dkim', 'mail-from', 'sandbox', 'quota', 'receipt-rules', 'alarms'].map(
      (name): Check => ({ name, status: 'skip', detail: ON_AWS_ONLY }),
    ),
  ];
}
