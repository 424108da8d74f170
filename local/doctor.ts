import { readFileSync } from 'node:fs';
import { CliError } from './api-client.ts';

/** One line of the doctor's answer. */
export interface Check {
  readonly name: string;
  readonly status: 'ok' | 'FAIL' | 'skip';
  readonly detail: string;
}

/** What an SES identity says about itself (GetEmailIdentity). */
export interface IdentityState {
  readonly type: 'DOMAIN' | 'EMAIL_ADDRESS' | 'MANAGED_DOMAIN' | string;
  readonly verifiedForSending: boolean;
  readonly dkim?: string;
  readonly mailFromDomain?: string;
  readonly mailFrom?: string;
}

/** What the SES account says about itself (GetAccount). */
export interface AccountState {
  readonly sendingEnabled: boolean;
  readonly productionAccess: boolean;
  readonly maxSendRate: number;
  readonly max24HourSend: number;
  readonly enforcement?: string;
}

/** The read-only questions the doctor asks of AWS (doctor-aws.ts) or of a stand-in in tests. */
export interface DoctorProbes {
  /** The HTTP status of a GET. */
  httpStatus(url: string): Promise<number>;
  identity(name: string): Promise<IdentityState>;
  account(): Promise<AccountState>;
  /** The name of the region's active receipt rule set, if any. */
  activeRuleSet(): Promise<string | undefined>;
  /** How many subscriptions of the topic are confirmed and how many wait for their confirmation. */
  alarmSubscriptions(topicArn: string): Promise<{ confirmed: number; pending: number }>;
}

/** A deployed stack's outputs, as `cdk deploy --outputs-file` writes them. */
export interface StackOutputs {
  readonly stackName: string;
  readonly values: Readonly<Record<string, string>>;
}

/** Reads the one stack of an outputs file (the one with an ApiUrl). */
export function readOutputs(file: string): StackOutputs {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot read the outputs file ${file}: ${(error as Error).message}`);
  }
  const stacks = Object.entries((parsed ?? {}) as Record<string, Record<string, string>>).filter(
    ([, v]) => typeof v?.ApiUrl === 'string',
  );
  const [stack] = stacks;
  if (!stack || stacks.length > 1)
    throw new CliError(`${file} must hold one stack with an ApiUrl (npx cdk deploy --outputs-file ${file})`);
  return { stackName: stack[0], values: stack[1] };
}

const ok = (name: string, detail: string): Check => ({ name, status: 'ok', detail });
const fail = (name: string, detail: string): Check => ({ name, status: 'FAIL', detail });
const skip = (name: string, detail: string): Check => ({ name, status: 'skip', detail });

/** Runs one check; an error of the probe is a failed check that says what could not be read. */
async function attempt(name: string, run: () => Promise<Check>): Promise<Check> {
  try {
    return await run();
  } catch (error) {
    const e = error as { name?: string; message?: string };
    return fail(
      name,
      `could not ask: ${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message ?? String(error)}`,
    );
  }
}

async function identityChecks(probes: DoctorProbes, name: string): Promise<Check[]> {
  let state: IdentityState;
  try {
    state = await probes.identity(name);
  } catch (error) {
    return [await attempt('identity', () => Promise.reject(error))];
  }
  const domain = state.type !== 'EMAIL_ADDRESS';
  return [
    state.verifiedForSending
      ? ok('identity', `${name} is verified for sending`)
      : fail(
          'identity',
          `${name} is not verified for sending: publish the DKIM records (or click SES's link) and wait`,
        ),
    !domain
      ? skip('dkim', `${name} is an address: Easy DKIM needs senderDomain`)
      : state.dkim === 'SUCCESS'
        ? ok('dkim', 'the three DKIM CNAMEs verified (SUCCESS)')
        : fail('dkim', `DKIM status ${state.dkim ?? 'unknown'}: publish outputs DkimCname1..3 and wait (up to 72 h)`),
    !state.mailFromDomain
      ? skip('mail-from', 'no custom MAIL FROM domain')
      : state.mailFrom === 'SUCCESS'
        ? ok('mail-from', `${state.mailFromDomain} verified (SUCCESS)`)
        : fail(
            'mail-from',
            `${state.mailFromDomain}: ${state.mailFrom ?? 'unknown'}; publish output MailFromRecords and its SPF TXT`,
          ),
  ];
}

async function accountChecks(probes: DoctorProbes, sizedFor: number | undefined): Promise<Check[]> {
  let a: AccountState;
  try {
    a = await probes.account();
  } catch (error) {
    return [await attempt('sending', () => Promise.reject(error))];
  }
  const quota = `${a.maxSendRate}/s, ${a.max24HourSend} a day`;
  return [
    a.sendingEnabled && (a.enforcement ?? 'HEALTHY') === 'HEALTHY'
      ? ok('sending', `SES sending enabled, account ${a.enforcement ?? 'HEALTHY'}`)
      : fail(
          'sending',
          `SES sending ${a.sendingEnabled ? 'enabled' : 'DISABLED'}, account ${a.enforcement ?? 'unknown'}`,
        ),
    a.productionAccess
      ? ok('sandbox', 'out of the SES sandbox (production access)')
      : fail('sandbox', 'in the SES sandbox: only verified recipients, 200 a day; request production access'),
    sizedFor === undefined
      ? skip('quota', `account ${quota}; the outputs name no SesMaxSendRate`)
      : sizedFor > a.maxSendRate
        ? fail(
            'quota',
            `account ${quota}, but the stack is sized for ${sizedFor}/s: deploy with -c sesMaxSendRate=${a.maxSendRate}`,
          )
        : ok('quota', `account ${quota}; the stack is sized for ${sizedFor}/s`),
  ];
}

/** The checks of a deployed stack, from its outputs file: read-only, one line each. */
export async function deployedChecks(outputs: StackOutputs, probes: DoctorProbes): Promise<Check[]> {
  const v = outputs.values;
  const checks: Check[] = [ok('outputs', `stack ${outputs.stackName}`)];
  checks.push(
    await attempt('api', async () => {
      const status = await probes.httpStatus(`${v.ApiUrl}/robots.txt`);
      return status === 200
        ? ok('api', `${v.ApiUrl} answers`)
        : fail('api', `${v.ApiUrl}/robots.txt answered ${status}`);
    }),
  );
  if (v.SenderIdentity) checks.push(...(await identityChecks(probes, v.SenderIdentity)));
  else checks.push(fail('identity', 'the outputs name no SenderIdentity: deploy this version of the stack'));
  const rate = v.SesMaxSendRate === undefined ? undefined : Number(v.SesMaxSendRate);
  checks.push(...(await accountChecks(probes, rate)));
  const ruleSet = v.InboundRuleSetName;
  checks.push(
    ruleSet
      ? await attempt('receipt-rules', async () => {
          const active = await probes.activeRuleSet();
          if (active === ruleSet) return ok('receipt-rules', `${ruleSet} is the active rule set`);
          const now = active ? `${active} is active instead` : 'none is active';
          return fail('receipt-rules', `${ruleSet} is not active (${now}): aws ses set-active-receipt-rule-set`);
        })
      : skip('receipt-rules', 'no inboundDomain'),
  );
  const topic = v.AlarmTopicArn;
  checks.push(
    topic
      ? await attempt('alarms', async () => {
          const { confirmed, pending } = await probes.alarmSubscriptions(topic);
          return confirmed > 0
            ? ok('alarms', `${confirmed} confirmed subscription(s) to the alarm topic`)
            : fail('alarms', `no confirmed subscription (${pending} pending): click the link in the SNS e-mail`);
        })
      : fail('alarms', 'the outputs name no AlarmTopicArn: deploy this version of the stack'),
  );
  return checks;
}

/** Writes one line per check; the exit code is 1 when one failed. */
export function report(checks: readonly Check[], out: (line: string) => void): number {
  const width = Math.max(...checks.map((c) => c.name.length));
  for (const c of checks) out(`${c.status.padEnd(4)}  ${c.name.padEnd(width)}  ${c.detail}`);
  return checks.some((c) => c.status === 'FAIL') ? 1 : 0;
}
