import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/stack.ts';
import { render, synth } from './synth.ts';

// `npm run newsletter -- doctor`: read-only, one line per check, exit 1 when one fails (issue 20, the deploy guide).

interface Answer {
  readonly code: number;
  readonly lines: string[];
}

/** Runs the real CLI in its own process, as an operator would. */
function doctor(args: string[], env: Record<string, string>): Promise<Answer> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'local/newsletter.ts', 'doctor', ...args],
      {
        env: { PATH: process.env.PATH ?? '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, lines: `${stdout}${stderr}`.trim().split('\n') });
      },
    );
  });
}

const line = (answer: Answer, name: string) => answer.lines.find((l) => l.split(/\s+/)[1] === name) ?? '';

/** What an account in a given state answers: SES v2 (REST JSON), SES v1 and SNS (query protocol), and the API. */
interface AccountState {
  verified: boolean;
  dkim: string;
  production: boolean;
  rate: number;
  activeRuleSet?: string;
  subscription: string;
}

function fakeAws(state: () => AccountState): Server {
  return createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const s = state();
      const json = (value: unknown) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      const xml = (value: string) => res.writeHead(200, { 'content-type': 'text/xml' }).end(value);
      if (req.method === 'GET' && req.url === '/robots.txt') return res.writeHead(200).end('User-agent: *\n');
      if (req.method === 'GET' && req.url === '/v2/email/identities/example.org')
        return json({
          IdentityType: 'DOMAIN',
          VerifiedForSendingStatus: s.verified,
          DkimAttributes: { SigningEnabled: true, Status: s.dkim },
          MailFromAttributes: {
            MailFromDomain: 'mail.example.org',
            MailFromDomainStatus: s.verified ? 'SUCCESS' : 'PENDING',
            BehaviorOnMxFailure: 'USE_DEFAULT_VALUE',
          },
        });
      if (req.method === 'GET' && req.url === '/v2/email/account')
        return json({
          SendingEnabled: true,
          ProductionAccessEnabled: s.production,
          EnforcementStatus: 'HEALTHY',
          SendQuota: { MaxSendRate: s.rate, Max24HourSend: s.production ? 50_000 : 200, SentLast24Hours: 0 },
        });
      const action = new URLSearchParams(body).get('Action');
      if (action === 'DescribeActiveReceiptRuleSet')
        return xml(
          `<DescribeActiveReceiptRuleSetResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><DescribeActiveReceiptRuleSetResult>${
            s.activeRuleSet ? `<Metadata><Name>${s.activeRuleSet}</Name></Metadata>` : ''
          }<Rules/></DescribeActiveReceiptRuleSetResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></DescribeActiveReceiptRuleSetResponse>`,
        );
      if (action === 'ListSubscriptionsByTopic')
        return xml(
          `<ListSubscriptionsByTopicResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><ListSubscriptionsByTopicResult><Subscriptions><member><Protocol>email</Protocol><Endpoint>ops@example.org</Endpoint><SubscriptionArn>${s.subscription}</SubscriptionArn></member></Subscriptions></ListSubscriptionsByTopicResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></ListSubscriptionsByTopicResponse>`,
        );
      res.writeHead(400).end(`unexpected ${req.method} ${req.url} ${action}`);
    });
  });
}

describe('doctor against a synthesized outputs file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'doctor-'));
  const file = join(dir, 'outputs.json');
  let server: Server;
  let endpoint: string;
  let state: AccountState;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = fakeAws(() => state);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The outputs as `cdk deploy --outputs-file` writes them, from the synthesized template (sample account and
    // Region); the API's URL is the stand-in's.
    const { template, resources } = synth();
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    const values = Object.fromEntries(Object.entries(outputs).map(([k, o]) => [k, render(o.Value, resources)]));
    writeFileSync(file, JSON.stringify({ BelarusWeekly: { ...values, ApiUrl: endpoint } }));
    env = {
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'doctor',
      AWS_SECRET_ACCESS_KEY: 'doctor',
      AWS_ENDPOINT_URL_SESV2: endpoint,
      AWS_ENDPOINT_URL_SES: endpoint,
      AWS_ENDPOINT_URL_SNS: endpoint,
    };
  }, 300_000);
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fails, one line each, on a new account: DKIM pending, sandbox, rule set inactive, alarms unconfirmed', async () => {
    state = { verified: false, dkim: 'PENDING', production: false, rate: 1, subscription: 'PendingConfirmation' };
    const answer = await doctor(['--outputs', file], env);
    expect(answer.code).toBe(1);
    expect(line(answer, 'outputs')).toMatch(/^ok +outputs +stack BelarusWeekly$/);
    expect(line(answer, 'api')).toMatch(/^ok /);
    expect(line(answer, 'identity')).toMatch(/^FAIL +identity +example\.org is not verified for sending/);
    expect(line(answer, 'dkim')).toMatch(/^FAIL +dkim +DKIM status PENDING: publish outputs DkimCname1\.\.3/);
    expect(line(answer, 'mail-from')).toMatch(/^FAIL +mail-from +mail\.example\.org: PENDING/);
    expect(line(answer, 'sending')).toMatch(/^ok /);
    expect(line(answer, 'sandbox')).toMatch(/^FAIL +sandbox +in the SES sandbox/);
    expect(line(answer, 'quota')).toMatch(/^FAIL +quota +account 1\/s, 200 a day, but the stack is sized for 50\/s/);
    expect(line(answer, 'receipt-rules')).toMatch(/^FAIL +receipt-rules +.* is not active \(none is active\)/);
    expect(line(answer, 'alarms')).toMatch(/^FAIL +alarms +no confirmed subscription \(1 pending\)/);
    expect(answer.lines).toHaveLength(10);
  });

  it('passes once everything verified and is active', async () => {
    const ruleSet = JSON.parse(readFileSync(file, 'utf8')).BelarusWeekly.InboundRuleSetName as string;
    state = {
      verified: true,
      dkim: 'SUCCESS',
      production: true,
      rate: 50,
      activeRuleSet: ruleSet,
      subscription: 'arn:aws:sns:eu-central-1:123456789012:alarms:1',
    };
    const answer = await doctor(['--outputs', file], env);
    expect(answer.lines.filter((l) => !l.startsWith('ok '))).toEqual([]);
    expect(answer.code).toBe(0);
  });

  it('says what it could not read, and exits 1', async () => {
    const answer = await doctor(['--outputs', file], { ...env, AWS_ENDPOINT_URL_SESV2: 'http://127.0.0.1:9' });
    expect(answer.code).toBe(1);
    expect(line(answer, 'identity')).toMatch(/^FAIL +identity +could not ask: /);
  });
});

describe('doctor against npm start', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({ port: 0, dynamoPort: 0, sesPort: 0, smtpPort: 0 });
  }, 120_000);
  afterAll(() => stack?.close());

  it('checks the API and the stand-ins, lists what only AWS has as skipped, and exits 0', async () => {
    const answer = await doctor([], {
      PORT: new URL(stack.apiUrl).port,
      SES_PORT: String(stack.ses.port),
      SMTP_PORT: String(stack.smtp.port),
    });
    expect(answer.lines.slice(0, 3).map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'ok api',
      'ok ses',
      'ok inbound',
    ]);
    expect(answer.lines.slice(3).every((l) => /^skip .* applies on AWS only/.test(l))).toBe(true);
    expect(answer.code).toBe(0);
  });

  it('fails each line when nothing listens there', async () => {
    const answer = await doctor([], { PORT: '9', SES_PORT: '9', SMTP_PORT: '9' });
    expect(answer.code).toBe(1);
    expect(line(answer, 'api')).toMatch(/^FAIL +api .*is npm start running\?/);
  });
});
