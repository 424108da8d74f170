import { GetAccountCommand, GetEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import { type AwsCredentials, credentialsFrom } from './aws-credentials.ts';
import type { AccountState, DoctorProbes, IdentityState } from './doctor.ts';

type Env = Record<string, string | undefined>;

/** The region of an execute-api URL, if it is one. */
export function regionOfApiUrl(url: string): string | undefined {
  return /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com/.exec(url)?.[1];
}

const tag = (xml: string, name: string): string[] =>
  [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1] as string);

/**
 * One call of an AWS query-protocol API (SES v1, SNS), SigV4-signed; these two calls do not justify their SDK
 * clients. Resolves to the response's XML; an error answer throws with AWS's code and message.
 */
async function query(
  service: 'email' | 'sns',
  at: { region: string; endpoint?: string; credentials: AwsCredentials },
  params: Record<string, string>,
): Promise<string> {
  const url = new URL(at.endpoint ?? `https://${service}.${at.region}.amazonaws.com/`);
  const body = new URLSearchParams(params).toString();
  const signer = new SignatureV4({
    service: service === 'email' ? 'ses' : 'sns',
    region: at.region,
    credentials: at.credentials,
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  const { host: _host, ...headers } = signed.headers;
  const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
  const xml = await res.text();
  if (!res.ok) throw new Error(`${tag(xml, 'Code')[0] ?? res.status}: ${tag(xml, 'Message')[0] ?? xml.slice(0, 200)}`);
  return xml;
}

/**
 * The doctor's questions as read-only AWS calls: SES v2 GetEmailIdentity and GetAccount, SES
 * DescribeActiveReceiptRuleSet, SNS ListSubscriptionsByTopic. Credentials from the environment, else the SDK's chain
 * (AWS_PROFILE, SSO); AWS_ENDPOINT_URL_SESV2 / _SES / _SNS point them elsewhere, as the SDK's own variables do.
 */
export function awsProbes(region: string, env: Env): DoctorProbes {
  const credentials = credentialsFrom(env);
  const sesv2 = new SESv2Client({
    region,
    credentials,
    maxAttempts: 2,
    ...(env.AWS_ENDPOINT_URL_SESV2 ? { endpoint: env.AWS_ENDPOINT_URL_SESV2 } : {}),
  });
  const ses = { region, credentials, ...(env.AWS_ENDPOINT_URL_SES ? { endpoint: env.AWS_ENDPOINT_URL_SES } : {}) };
  const sns = { region, credentials, ...(env.AWS_ENDPOINT_URL_SNS ? { endpoint: env.AWS_ENDPOINT_URL_SNS } : {}) };
  return {
    async httpStatus(url) {
      return (await fetch(url, { signal: AbortSignal.timeout(10_000) })).status;
    },
    async identity(name): Promise<IdentityState> {
      const out = await sesv2.send(new GetEmailIdentityCommand({ EmailIdentity: name }));
      const mailFrom = out.MailFromAttributes;
      return {
        type: out.IdentityType ?? 'unknown',
        verifiedForSending: out.VerifiedForSendingStatus === true,
        ...(out.DkimAttributes?.Status ? { dkim: out.DkimAttributes.Status } : {}),
        ...(mailFrom?.MailFromDomain
          ? { mailFromDomain: mailFrom.MailFromDomain, mailFrom: mailFrom.MailFromDomainStatus ?? 'unknown' }
          : {}),
      };
    },
    async account(): Promise<AccountState> {
      const out = await sesv2.send(new GetAccountCommand({}));
      return {
        sendingEnabled: out.SendingEnabled === true,
        productionAccess: out.ProductionAccessEnabled === true,
        maxSendRate: out.SendQuota?.MaxSendRate ?? 0,
        max24HourSend: out.SendQuota?.Max24HourSend ?? 0,
        ...(out.EnforcementStatus ? { enforcement: out.EnforcementStatus } : {}),
      };
    },
    async activeRuleSet() {
      const xml = await query('email', ses, { Action: 'DescribeActiveReceiptRuleSet', Version: '2010-12-01' });
      const metadata = /<Metadata>([\s\S]*?)<\/Metadata>/.exec(xml)?.[1] ?? '';
      return tag(metadata, 'Name')[0];
    },
    async alarmSubscriptions(topicArn) {
      let confirmed = 0;
      let pending = 0;
      let next: string | undefined;
      do {
        const params: Record<string, string> = { Action: 'ListSubscriptionsByTopic', Version: '2010-03-31' };
        params.TopicArn = topicArn;
        if (next) params.NextToken = next;
        const xml = await query('sns', sns, params);
        for (const arn of tag(xml, 'SubscriptionArn')) arn.startsWith('arn:') ? confirmed++ : pending++;
        next = tag(xml, 'NextToken')[0];
      } while (next);
      return { confirmed, pending };
    },
  };
}
