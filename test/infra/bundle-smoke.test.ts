import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DynamoCommentaryStore } from '../../functions/adapters/dynamo/commentary-store.ts';
import { importCommentaries } from '../../functions/app/import-commentaries.ts';
import { listUnsubscribe, type StoredEmail } from '../support/local.ts';
import { mailFixture } from '../support/reports.ts';
import { lambdaNode } from './bundle-runner.ts';
import {
  FIXTURES,
  fixture,
  PUBLIC_URL,
  READER,
  sqsRecord,
  TABLE_NAME,
  useDeployedBundles,
} from './bundle-stand-ins.ts';

describe('the deployed bundles, run in a fresh Node process against the stand-ins', () => {
  const bundles = useDeployedBundles();
  const { assets, invoke, invokeLogged, reader, inbox } = bundles;

  it('bundles each function as one self-contained ESM file of reasonable size, without mjml', () => {
    const rows: string[] = [];
    for (const [entry, { dir }] of assets) {
      const files = readdirSync(dir).sort();
      expect(files, entry).toEqual(['index.mjs', 'index.mjs.map']);
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(code, entry).not.toMatch(/mjml/i);
      const size = statSync(join(dir, 'index.mjs')).size;
      expect(size, entry).toBeLessThan(1.5 * 1024 * 1024);
      rows.push(`${entry.padEnd(12)} ${(size / 1024).toFixed(0).padStart(6)} KB`);
    }
    console.info(`bundle sizes (index.mjs, minified), run under Node ${lambdaNode().version}:\n${rows.join('\n')}`);
  });

  it('subscribe queues the request; the confirmation mailer stores a pending reader and sends the e-mail', async () => {
    const { result: res, logs } = await invokeLogged('subscribe', fixture('subscribe-post-json.json'));
    expect(res.statusCode).toBe(202);
    expect(logs).toMatch(/"_aws":.*"Name":"subscribed".*"language":"be".*"subscribed":1/);
    expect(JSON.parse(String(res.body))).toEqual({ status: 'pending' });
    expect(await reader()).toBeUndefined();
    // The confirmation queue's message, handed to its consumer as the SQS event source would (then gone).
    const Records = bundles.sqs.messages.splice(0).map((m) => sqsRecord(m, 'confirmations'));
    // The address travels sealed to the request (subscribe holds only the public request key), never in clear.
    expect(JSON.parse(Records[0]?.body ?? '{}')).toMatchObject({
      address: expect.stringMatching(/^r1\./),
      language: 'be',
    });
    expect(Records[0]?.body.toLowerCase()).not.toContain('reader.smoke');
    expect(await invoke('send-confirmation', { Records })).toEqual({ batchItemFailures: [] });
    expect(await reader()).toMatchObject({
      status: 'pending',
      language: 'be',
      address: expect.stringMatching(/^a1\./),
    });
    expect(JSON.stringify(await bundles.items()).toLowerCase()).not.toContain('reader.smoke');
    const mails = await inbox();
    expect(mails).toHaveLength(1);
    expect(mails[0]?.body.text ?? mails[0]?.body.html).toContain(`${PUBLIC_URL}/confirm?token=`);
  });

  it.each([
    ['confirm', 'confirm-get-invalid-token.json'],
    ['unsubscribe', 'unsubscribe-get-invalid-token.json'],
  ] as const)('%s answers an invalid token with a 400 HTML page', async (entry, file) => {
    const res = await invoke(entry, fixture(file));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type'] ?? res.headers['Content-Type']).toMatch(/^text\/html/);
    expect(String(res.body)).toMatch(/<!doctype html>/i);
  });

  it('confirm, posted the token from the e-mail, confirms the reader', async () => {
    const text = (await inbox())[0]?.body.text ?? '';
    const token = /\/confirm\?token=([^\s"&<>]+)/.exec(text)?.[1];
    expect(token).toBeDefined();
    const event = { ...fixture('confirm-post-form.json'), body: `token=${token}` };
    const res = await invoke('confirm', event);
    expect(res.statusCode).toBe(200);
    expect(await reader()).toMatchObject({ status: 'confirmed' });
  });

  it('widget serves its script, pointing at the public URL', async () => {
    const res = await invoke('widget', fixture('widget-get-js.json'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['Content-Type']).toMatch(/javascript/);
    expect(String(res.body)).toContain(PUBLIC_URL);
  });

  it("desk serves its page and its sign-in settings from the stack's DESK_* variables", async () => {
    const get = (rawPath: string) => invoke('desk', { ...fixture('widget-get-js.json'), rawPath });
    const config = await get('/desk/config.json');
    expect(config.statusCode).toBe(200);
    expect(JSON.parse(String(config.body))).toEqual({
      region: 'eu-central-1',
      authority: 'https://belarusweekly.auth.eu-central-1.amazoncognito.com',
      clientId: 'smokeclient',
      identityPoolId: 'eu-central-1:00000000-0000-0000-0000-000000000000',
      identityEndpoint: 'https://cognito-identity.eu-central-1.amazonaws.com/',
      loginsKey: 'cognito-idp.eu-central-1.amazonaws.com/eu-central-1_smoke',
    });
    const page = await get('/desk/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['Content-Security-Policy']).toContain(
      'https://belarusweekly.auth.eu-central-1.amazoncognito.com',
    );
  });

  it('dispatch queues the confirmed reader for the scheduled edition', async () => {
    const dir = join(FIXTURES, 'commentaries', '2026-W48');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.md'))
      .map((f) => ({ path: f, text: readFileSync(join(dir, f), 'utf8') }));
    const imported = await importCommentaries(new DynamoCommentaryStore(bundles.db, TABLE_NAME), files);
    expect(imported.problems).toEqual([]);
    const result = await invoke<{ status: string }>('dispatch', { edition: '2026-W48' });
    expect(result).toMatchObject({ status: 'dispatched', planned: { be: 1 } });
    expect(bundles.sqs.messages.map((m) => JSON.parse(m.body))).toEqual([
      expect.objectContaining({ edition: '2026-W48', language: 'be', ids: [expect.any(String)] }),
    ]);
  });

  it('deliver sends the digest with one-click unsubscribe headers', async () => {
    const Records = bundles.sqs.messages.map((m) => sqsRecord(m, 'send-queue'));
    const { result, logs } = await invokeLogged<{ batchItemFailures: unknown[] }>('deliver', { Records });
    expect(result).toEqual({ batchItemFailures: [] });
    // The send's outcome as a CloudWatch metric (EMF) per edition and language.
    const emf = logs
      .split('\n')
      .filter((l) => l.includes('"_aws"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(emf).toContainEqual(expect.objectContaining({ edition: '2026-W48', language: 'be', sent: 1 }));
    const digest = (await inbox()).find((m) => m.headers?.some((h) => h.name === 'List-Unsubscribe-Post'));
    expect(digest?.headers).toEqual(
      expect.arrayContaining([
        {
          name: 'List-Unsubscribe',
          value: expect.stringMatching(
            /^<mailto:u-[0-9a-f]{32}-[0-9a-f]{20}@inbound\.example\.org\?subject=unsubscribe>, <https:\/\/weekly\.example\.org\/unsubscribe\?token=/,
          ),
        },
        { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
      ]),
    );
  });

  it('inbound, invoked by SES receiving, unsubscribes the reader whose mailto address was written to', async () => {
    const digest = (await inbox()).find((m) => m.headers?.some((h) => h.name === 'List-Unsubscribe-Post'));
    const to = (listUnsubscribe(digest as StoredEmail).mailto ?? '').split('?')[0] as string;
    bundles.s3.put('inbound-smoke', 'mail/smoke-1', mailFixture('unsubscribe.eml', { from: READER, to }));
    const text = readFileSync(join(FIXTURES, 'events', 'ses-receipt', 'mailto-unsubscribe.json'), 'utf8');
    const event = JSON.parse(
      text.replaceAll('{{MESSAGE_ID}}', 'smoke-1').replaceAll('{{RECIPIENT}}', to).replaceAll('{{SOURCE}}', READER),
    );
    await invoke('inbound', event);
    expect(await reader()).toMatchObject({ status: 'unsubscribed' });
  });

  it('ses-events applies a complaint from EventBridge to the reader', async () => {
    const detail = {
      eventType: 'Complaint',
      mail: { messageId: 'ses-1', destination: [READER], tags: { edition: ['2026-W48'] } },
      complaint: { complainedRecipients: [{ emailAddress: READER }] },
    };
    await invoke('ses-events', { version: '0', source: 'aws.ses', 'detail-type': 'Email Complaint Received', detail });
    expect(await reader()).toMatchObject({ status: 'complained' });
  });

  it("admin answers the editors' report and stats, and logs the caller, not the reader", async () => {
    const event = fixture('admin-get-report.json');
    const report = await invokeLogged('admin', event, { POWERTOOLS_LOG_LEVEL: 'INFO' });
    expect(report.result.statusCode).toBe(200);
    expect(JSON.parse(String(report.result.body))).toMatchObject({
      edition: '2026-W48',
      status: 'dispatched',
      held: false,
      languages: { be: { planned: 1, sent: 1 } },
    });
    const line = report.logs.split('\n').find((l) => l.includes('admin action'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({
      caller: 'arn:aws:iam::123456789012:user/editor',
      route: 'GET /admin/editions/{edition}',
      function_request_id: 'smoke-request',
    });
    const statsEvent = { ...event, routeKey: 'GET /admin/stats', rawPath: '/admin/stats', pathParameters: undefined };
    const stats = await invoke('admin', statsEvent);
    // The reader complained in the step before.
    expect(JSON.parse(String(stats.body))).toMatchObject({ total: 1, languages: { be: { complained: 1 } } });
    expect(JSON.parse(String(stats.body)).weeks).toHaveLength(12);
    expect(report.logs).not.toContain(READER);
  });
  it('admin answers the data role a masked lookup and an export, logging the assumed role, never the address', async () => {
    const base = fixture('admin-get-report.json') as { requestContext: Record<string, unknown> };
    const caller = 'arn:aws:sts::123456789012:assumed-role/newsletter-data-requests/dpo';
    const call = (route: 'lookup' | 'export') => {
      const key = `POST /admin/subscribers/${route}`;
      const path = `/admin/subscribers/${route}`;
      const ctx = base.requestContext as { http: object; authorizer: { iam: object } };
      return invokeLogged(
        'admin',
        {
          ...base,
          routeKey: key,
          rawPath: path,
          pathParameters: undefined,
          headers: { host: 'api.example.org', 'content-type': 'application/json' },
          body: JSON.stringify({ email: READER.toUpperCase() }),
          requestContext: {
            ...ctx,
            routeKey: key,
            http: { ...ctx.http, method: 'POST', path },
            authorizer: { iam: { ...ctx.authorizer.iam, userArn: caller } },
          },
        },
        { POWERTOOLS_LOG_LEVEL: 'INFO' },
      );
    };
    const lookup = await call('lookup');
    expect(lookup.result.statusCode).toBe(200);
    // The reader complained in a step before.
    expect(JSON.parse(String(lookup.result.body))).toMatchObject({
      maskedEmail: 'r***@example.net',
      status: 'complained',
      language: 'be',
    });
    expect(String(lookup.result.body)).not.toContain(READER);
    const exported = await call('export');
    // The address as the reader typed it (the subscribe fixture's spelling).
    expect(JSON.parse(String(exported.result.body))).toMatchObject({ email: 'Reader.Smoke@example.net' });
    for (const [run, route] of [
      [lookup, 'POST /admin/subscribers/lookup'],
      [exported, 'POST /admin/subscribers/export'],
    ] as const) {
      const line = run.logs.split('\n').find((l) => l.includes('admin action'));
      expect(JSON.parse(line ?? '{}')).toMatchObject({ caller, route, role: 'subscriber-data', status: 200 });
      expect(run.logs.toLowerCase()).not.toContain(READER);
    }
  });
});
