import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkConfig } from '../../functions/app/config.ts';
import { type CfnResource, functionsByEntry, ofType, render, synth } from './synth.ts';

const CONTRACT_ROUTES = [
  'GET /confirm',
  'GET /subscribe',
  'GET /unsubscribe',
  'POST /confirm',
  'POST /subscribe',
  'POST /unsubscribe',
  'GET /widget.css',
  'GET /widget.js',
  'GET /robots.txt',
  'GET /favicon.ico',
  // The public archive; feed.xml is the {edition} route's literal.
  'GET /archive/{language}',
  'GET /archive/{language}/{edition}',
  // HEAD answers like GET on every public page (and the editors' hold page).
  ...[
    '/confirm',
    '/subscribe',
    '/unsubscribe',
    '/erase',
    '/widget.css',
    '/widget.js',
    '/robots.txt',
    '/favicon.ico',
    '/archive/{language}',
    '/archive/{language}/{edition}',
    '/hold',
  ].map((path) => `HEAD ${path}`),
  // The editors' API.
  'PUT /admin/commentaries',
  'GET /admin/editions/{edition}',
  'GET /admin/editions/{edition}/preview/{language}',
  'POST /admin/editions/{edition}/test',
  'POST /admin/editions/{edition}/send',
  'PUT /admin/editions/{edition}/hold',
  'DELETE /admin/editions/{edition}/hold',
  'PUT /admin/editions/{edition}/order',
  'PUT /admin/editions/{edition}/note/{language}',
  'DELETE /admin/editions/{edition}/note/{language}',
  'DELETE /admin/editions/{edition}/commentaries/{language}/{key}',
  'POST /admin/editions/{edition}/commentaries/{language}/{key}/restore',
  // The editors' desk: its page (API Gateway routes `/desk/` like `/desk`), files and sign-in settings.
  'GET /desk',
  'GET /desk/{proxy+}',
  'HEAD /desk',
  'HEAD /desk/{proxy+}',
  // What the editors' desk reads (issue 22).
  'GET /admin/editions',
  'GET /admin/editions/{edition}/week',
  'GET /admin/feeds',
  'GET /admin/settings',
  // The data requests' API (its own managed policy).
  'POST /admin/subscribers/lookup',
  'POST /admin/subscribers/export',
  'POST /admin/subscribers/erase',
  'POST /admin/subscribers/imports',
  'GET /admin/subscribers/imports/{id}',
  'GET /admin/stats',
  'POST /admin/stats/backfill',
  'POST /admin/feeds/pull',
  'POST /admin/prepare',
  // The preview e-mail's hold link.
  'GET /hold',
  'POST /hold',
  // Every reader e-mail's erase link.
  'GET /erase',
  'POST /erase',
];

describe('the newsletter stack', () => {
  let template: Template;
  let resources: Record<string, CfnResource>;
  let functions: ReturnType<typeof functionsByEntry>;
  const env = (entry: Parameters<typeof functions.get>[0]) =>
    (functions.get(entry)?.[1].Properties.Environment as { Variables: Record<string, unknown> } | undefined)
      ?.Variables ?? {};

  beforeAll(() => {
    ({ template, resources } = synth());
    functions = functionsByEntry(resources);
  });

  describe('table', () => {
    it('is on-demand, with point-in-time recovery, TTL, and both string-keyed indexes', () => {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: Match.arrayWith([
          Match.objectLike({
            IndexName: 'sending',
            KeySchema: [
              { AttributeName: 'sendPk', KeyType: 'HASH' },
              { AttributeName: 'sendSk', KeyType: 'RANGE' },
            ],
            // Dispatch reads only the ids: no address (or anything else of the reader) is copied into the index.
            Projection: { ProjectionType: 'KEYS_ONLY' },
          }),
          Match.objectLike({
            IndexName: 'byEdition',
            KeySchema: [
              { AttributeName: 'edPk', KeyType: 'HASH' },
              { AttributeName: 'edSk', KeyType: 'RANGE' },
            ],
          }),
        ]),
      });
    });

    it('is retained when the stack is deleted', () => {
      template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    });
  });

  describe('HTTP API', () => {
    it("has exactly the contract's routes, each on a Lambda integration", () => {
      const routes = ofType(resources, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
      expect(routes.map((r) => r.RouteKey).sort()).toEqual([...CONTRACT_ROUTES].sort());
      for (const r of routes) expect(render(r.Target)).toMatch(/^integrations\//);
    });

    it('throttles the stage with the configured rate and burst, and writes access logs', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
        AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      });
    });

    it('allows CORS from the configured origins only', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        ProtocolType: 'HTTP',
        CorsConfiguration: {
          AllowOrigins: ['https://example.org', 'https://www.example.org'],
          AllowMethods: ['GET', 'POST'],
          AllowHeaders: ['content-type'],
        },
      });
    });
  });

  describe('functions', () => {
    it('exist for every entry point in functions/handlers', () => {
      const entries = [
        'subscribe',
        'send-confirmation',
        'confirm',
        'unsubscribe',
        'erase',
        'widget',
        'archive',
        'admin',
        'dispatch',
        'prepare',
        'repermission',
        'hold',
        'deliver',
        'ses-events',
        'inbound',
        'desk',
      ];
      expect([...functions.keys()].sort()).toEqual(entries.sort());
    });

    it('run Node.js 22 on arm64 with sized memory, a timeout and a log group with retention', () => {
      for (const [entry, [, fn]] of functions) {
        expect(fn.Properties, entry).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
        expect(fn.Properties.MemorySize, entry).toBeGreaterThanOrEqual(256);
        expect(fn.Properties.Timeout, entry).toBeGreaterThanOrEqual(5);
        const logGroupId = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
        expect(resources[logGroupId]?.Properties.RetentionInDays, entry).toBe(30);
      }
    });

    it('get every variable the code requires, valid by the functions own config schema, and no inline secrets', () => {
      for (const [entry] of functions) {
        // The widget and the desk serve files and settings only (the desk's: test/infra/desk-hosting.test.ts).
        if (entry === 'widget' || entry === 'desk') continue;
        const vars = Object.fromEntries(Object.entries(env(entry)).map(([k, v]) => [k, render(v, resources)]));
        expect(Object.keys(vars), entry).toEqual(
          expect.arrayContaining(['TABLE_NAME', 'SECRET_ARN', 'PUBLIC_URL', 'SENDER_EMAIL', 'SES_CONFIGURATION_SET']),
        );
        expect(vars, entry).not.toHaveProperty('SECRETS_JSON');
        expect(vars, entry).toMatchObject({
          POWERTOOLS_SERVICE_NAME: `newsletter-${entry}`,
          POWERTOOLS_LOG_LEVEL: 'INFO',
          NODE_OPTIONS: '--enable-source-maps',
          SENDER_EMAIL: 'Belarus Weekly <weekly@example.org>',
          TIMEZONE: 'Europe/Vilnius',
          LANGUAGES: 'en,be,ru',
          ALLOWED_ORIGINS: 'https://example.org,https://www.example.org',
          LIST_ID: 'weekly.example.org',
        });
        expect(vars.PUBLIC_URL, entry).toMatch(/^https:\/\/PublicApi[0-9A-F]{8}\.execute-api\.eu-central-1\./);
        const checked = checkConfig(vars);
        expect(checked.ok ? [] : checked.problems, entry).toEqual([]);
      }
    });

    it('give the widget only its public settings', () => {
      expect(Object.keys(env('widget')).sort()).toEqual([
        'NODE_OPTIONS',
        'POWERTOOLS_LOG_LEVEL',
        'POWERTOOLS_SERVICE_NAME',
        'PUBLIC_URL',
      ]);
    });

    it('give the queue URL to the dispatcher and the deliverer only', () => {
      const withQueue = [...functions.keys()].filter((e) => 'QUEUE_URL' in env(e)).sort();
      expect(withQueue).toEqual(['deliver', 'dispatch'].filter((e) => functions.has(e as never)));
    });

    it('use publicUrl for links and privacyUrl for the privacy notice when they are configured', () => {
      const { resources: other } = synth({
        senderEmail: 'w@example.org',
        publicUrl: 'https://weekly.example.org/',
        privacyUrl: 'https://example.org/privacy',
      });
      for (const [entry, [, fn]] of functionsByEntry(other)) {
        const vars = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
        expect(vars, entry).toMatchObject({
          PUBLIC_URL: 'https://weekly.example.org',
          PRIVACY_URL: 'https://example.org/privacy',
        });
      }
    });
  });
});
