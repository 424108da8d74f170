import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE } from '../../functions/core/weekly-schedule.ts';
import { parseStackConfig, senderAddress } from '../../infra/config.ts';
import { deliverConcurrency, deliverSendRate } from '../../infra/throughput.ts';

describe('the stack configuration', () => {
  it('fills in the documented defaults around the one required key', () => {
    expect(parseStackConfig({ senderEmail: 'weekly@example.org' })).toEqual({
      senderEmail: 'weekly@example.org',
      allowedOrigins: [],
      languages: ['en', 'be', 'ru'],
      languageFallbacks: {},
      schedule: 'cron(0 9 ? * FRI *)',
      timezone: 'Europe/Minsk',
      prepareSchedule: 'cron(0 7 ? * FRI *)',
      feeds: {},
      feedTrends: {},
      editorEmails: [],
      sesMaxSendRate: 14,
      apiThrottle: { rate: 50, burst: 100 },
      senderIdentity: 'create',
      sandboxRecipients: [],
      subscribeThrottle: { rate: 5, burst: 10 },
      softBounceLimit: 3,
      confirmationsPerHour: 300,
      dataKeyVersion: 1,
      editors: [],
    });
  });

  it("reads the desk's editors (JSON from -c) and refuses a bad role, a bad address or an address listed twice", () => {
    const editors = '[{"email":"a@outlet.org","role":"editor"},{"email":"b@outlet.org","role":"data"}]';
    expect(parseStackConfig({ senderEmail: 'weekly@example.org', editors }).editors).toEqual([
      { email: 'a@outlet.org', role: 'editor' },
      { email: 'b@outlet.org', role: 'data' },
    ]);
    const bad = (editors: unknown) => () => parseStackConfig({ senderEmail: 'weekly@example.org', editors });
    expect(bad([{ email: 'a@outlet.org', role: 'admin' }])).toThrow(/editors\.0\.role/);
    expect(bad([{ email: 'not-an-address', role: 'editor' }])).toThrow(/editors\.0\.email: must be an e-mail address/);
    expect(
      bad([
        { email: 'a@outlet.org', role: 'editor' },
        { email: 'A@outlet.org', role: 'data' },
      ]),
    ).toThrow(/editors\.1\.email: is listed twice/);
    expect(() => parseStackConfig({ senderEmail: 'weekly@example.org', deskDomainPrefix: 'my-aws-desk' })).toThrow(
      /deskDomainPrefix/,
    );
  });

  it('accepts -c strings for lists, numbers and objects', () => {
    const config = parseStackConfig({
      senderEmail: 'Weekly <weekly@example.org>',
      allowedOrigins: 'https://example.org, https://www.example.org',
      languages: 'en,ru',
      sesMaxSendRate: '200',
      apiThrottle: '{"rate":"10","burst":20}',
      languageFallbacks: '{"be":["ru"]}',
      publicUrl: 'https://weekly.example.org/',
    });
    expect(config).toMatchObject({
      allowedOrigins: ['https://example.org', 'https://www.example.org'],
      languages: ['en', 'ru'],
      sesMaxSendRate: 200,
      apiThrottle: { rate: 10, burst: 20 },
      languageFallbacks: { be: ['ru'] },
      publicUrl: 'https://weekly.example.org',
    });
  });

  it('names every bad key at once', () => {
    const attempt = () =>
      parseStackConfig({
        languages: 'en,xx',
        timezone: 'Mars/Olympus',
        sesMaxSendRate: 'fast',
        allowedOrigins: 'https://example.org/',
        publicUrl: 'http://example.org',
        schedule: 'every friday',
      });
    expect(attempt).toThrow(/senderEmail: is required/);
    for (const key of ['languages.1', 'timezone', 'sesMaxSendRate', 'allowedOrigins.0', 'publicUrl', 'schedule']) {
      expect(attempt).toThrow(new RegExp(`\\n  ${key.replace('.', '\\.')}: `));
    }
  });

  it('refuses a sender domain that is not the domain of the sender address', () => {
    expect(() => parseStackConfig({ senderEmail: 'weekly@example.org', senderDomain: 'example.net' })).toThrow(
      /senderDomain: must be the domain of senderEmail \(example\.org\)/,
    );
    expect(parseStackConfig({ senderEmail: 'w@news.example.org', senderDomain: 'example.org' }).senderDomain).toBe(
      'example.org',
    );
  });

  it('extracts the bare address from "Name <address>"', () => {
    expect(senderAddress('Belarus Weekly <weekly@example.org>')).toBe('weekly@example.org');
    expect(senderAddress('weekly@example.org')).toBe('weekly@example.org');
  });
});

describe('the default schedule', () => {
  it('names the same moment in cron and in the EventBridge expression: Friday 09:00', () => {
    const next = new Cron(DEFAULT_SCHEDULE.cron, { timezone: DEFAULT_SCHEDULE.timezone }).nextRun(
      new Date('2026-11-23T00:00:00Z'),
    );
    // 09:00 in Minsk (UTC+3) on Friday 27 November 2026.
    expect(next?.toISOString()).toBe('2026-11-27T06:00:00.000Z');
    expect(DEFAULT_SCHEDULE.awsExpression).toBe('cron(0 9 ? * FRI *)');
  });
});

describe('the deliverer concurrency', () => {
  it('is ceil(rate × 0.1 s × 1.5 headroom), at least 2 and at most 1000', () => {
    expect(deliverConcurrency(1)).toBe(2);
    expect(deliverConcurrency(14)).toBe(3);
    expect(deliverConcurrency(50)).toBe(8);
    expect(deliverConcurrency(333)).toBe(50);
    expect(deliverConcurrency(50_000)).toBe(1000);
  });

  it('paces each invocation to the rate over the concurrency, so that together they send at the rate', () => {
    expect(deliverSendRate(14)).toBeCloseTo(14 / 3, 10);
    expect(deliverSendRate(50)).toBe(6.25);
    expect(deliverSendRate(50_000)).toBe(50);
  });
});
