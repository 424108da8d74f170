import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll } from 'vitest';
import { ensureTable } from '../../functions/adapters/dynamo/table.ts';
import { createApp } from '../../infra/create-app.ts';
import { type EntryName, PROJECT_ROOT } from '../../infra/lambda.ts';
import { localSecret } from '../../local/env.ts';
import { type StandIn, startDynalite, startSes } from '../../local/stand-ins.ts';

/** A secret with a local wrapping key and data key, as `npm start` writes it (KMS's part on AWS). */
const SECRET = localSecret(undefined);

import { startFakeS3 } from '../support/fake-s3.ts';
import { startFakeSqs } from '../support/fake-sqs.ts';
import type { StoredEmail } from '../support/local.ts';
import { invokeBundle } from './bundle-runner.ts';
import { type CfnResource, functionsByEntry } from './synth.ts';

export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> };

export const TABLE_NAME = 'newsletter-smoke';
export const PUBLIC_URL = 'https://weekly.example.org';
export const READER = 'reader.smoke@example.net';
export const FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures');
export const fixture = (name: string) =>
  JSON.parse(readFileSync(join(FIXTURES, 'events', 'apigw', name), 'utf8')) as Record<string, unknown>;
/** A queue message as the SQS event source hands it to a function. */
export const sqsRecord = (m: { messageId: string; body: string }, queue: string) => ({
  messageId: m.messageId,
  receiptHandle: `rh-${m.messageId}`,
  body: m.body,
  attributes: { ApproximateReceiveCount: '1' },
  messageAttributes: {},
  eventSource: 'aws:sqs',
  eventSourceARN: `arn:aws:sqs:eu-central-1:123456789012:${queue}`,
  awsRegion: 'eu-central-1',
});

/**
 * For a test file: synthesizes the stack with its bundles (each function's asset and synthesized environment), starts
 * the stand-ins (dynalite, the SES stand-in, fake SQS and S3) and a table, and stops them afterwards. `invoke` runs a
 * function's bundle in a fresh Node process with its environment pointed at the stand-ins.
 */
export function useDeployedBundles() {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-smoke-'));
  const assets = new Map<EntryName, { dir: string; vars: Record<string, unknown> }>();
  let dynamo: StandIn;
  let ses: StandIn;
  let sqs: Awaited<ReturnType<typeof startFakeSqs>>;
  let s3: Awaited<ReturnType<typeof startFakeS3>>;
  let db: DynamoDBDocumentClient;

  /** The function's synthesized environment, with each CloudFormation reference replaced by its local stand-in. */
  function localEnv(vars: Record<string, unknown>): Record<string, string> {
    const local: Record<string, string> = {
      TABLE_NAME,
      PUBLIC_URL,
      QUEUE_URL: sqs.queueUrl,
      CONFIRM_QUEUE_URL: sqs.queueUrl,
      DISPATCH_FUNCTION_NAME: 'newsletter-dispatch',
      SES_CONFIGURATION_SET: 'newsletter-smoke',
      SES_IDENTITY: 'weekly@newsletter.example',
      INBOUND_BUCKET: 'inbound-smoke',
      // Named, not called: the local secret's wrapping key unwraps the data key in place of KMS.
      ADDRESS_KEY_ARN: 'arn:aws:kms:eu-central-1:123456789012:key/smoke',
      // The desk's sign-in settings, as the stack's Cognito resources would answer them.
      DESK_AUTHORITY: 'https://belarusweekly.auth.eu-central-1.amazoncognito.com',
      DESK_CLIENT_ID: 'smokeclient',
      DESK_IDENTITY_POOL_ID: 'eu-central-1:00000000-0000-0000-0000-000000000000',
      DESK_IDENTITY_ENDPOINT: 'https://cognito-identity.eu-central-1.amazonaws.com/',
      DESK_LOGINS_KEY: 'cognito-idp.eu-central-1.amazonaws.com/eu-central-1_smoke',
    };
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(vars)) {
      if (key === 'SECRET_ARN') continue;
      const resolved = typeof value === 'string' ? value : local[key];
      if (resolved === undefined) throw new Error(`no local value for the reference in ${key}`);
      env[key] = resolved;
    }
    return {
      ...env,
      ...('SECRET_ARN' in vars ? { SECRETS_JSON: SECRET } : {}),
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'smoke',
      AWS_SECRET_ACCESS_KEY: 'smoke',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_SESV2: ses.endpoint,
      AWS_ENDPOINT_URL_SQS: sqs.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      // The SES stand-in has no GetEmailIdentity: the sender counts as verified, as on `npm start`.
      LOCAL_SENDER_VERIFIED: 'true',
      POWERTOOLS_LOG_LEVEL: 'WARN',
    };
  }

  async function invokeLogged<T = HttpResult>(entry: EntryName, event: unknown, env: Record<string, string> = {}) {
    const asset = assets.get(entry);
    if (!asset) throw new Error(`no bundle for ${entry}`);
    return invokeBundle<T>(asset.dir, event, { ...localEnv(asset.vars), ...env });
  }
  const invoke = async <T = HttpResult>(entry: EntryName, event: unknown) =>
    (await invokeLogged<T>(entry, event)).result;

  const items = async () => (await db.send(new ScanCommand({ TableName: TABLE_NAME }))).Items ?? [];
  const reader = async () => (await items()).find((i) => String(i.pk).startsWith('SUB#'));
  const inbox = async () =>
    ((await (await fetch(`${ses.endpoint}/store`)).json()) as { emails: StoredEmail[] }).emails.filter((e) =>
      e.destination.to.some((to) => to.toLowerCase().includes(READER)),
    );

  beforeAll(async () => {
    const { app, stack } = createApp({
      outdir,
      context: {
        senderEmail: 'Belarus Weekly <weekly@example.org>',
        senderDomain: 'example.org',
        inboundDomain: 'inbound.example.org',
        allowedOrigins: 'https://example.org',
      },
    });
    const template = app.synth().getStackArtifact(stack.artifactId).template as {
      Resources: Record<string, CfnResource>;
    };
    for (const [entry, [, fn]] of functionsByEntry(template.Resources)) {
      const key = (fn.Properties.Code as { S3Key: string }).S3Key;
      const vars = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      assets.set(entry, { dir: join(outdir, `asset.${key.replace(/\.zip$/, '')}`), vars });
    }
    [dynamo, ses, sqs, s3] = await Promise.all([startDynalite(), startSes(), startFakeSqs(), startFakeS3()]);
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'eu-central-1',
      credentials: { accessKeyId: 'smoke', secretAccessKey: 'smoke' },
    });
    db = DynamoDBDocumentClient.from(client);
    await ensureTable(client, TABLE_NAME);
  });

  afterAll(async () => {
    await Promise.all([dynamo?.close(), ses?.close(), sqs?.close(), s3?.close()]);
    rmSync(outdir, { recursive: true, force: true });
  });

  return {
    assets,
    invoke,
    invokeLogged,
    items,
    reader,
    inbox,
    get sqs() {
      return sqs;
    },
    get s3() {
      return s3;
    },
    get db() {
      return db;
    },
  };
}
