import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../../functions/core/import/index.ts';
import { FIXTURES, rowsOf } from './read-fixture.ts';

// Expected rows written by hand from the fixtures in test/fixtures/imports/.
const headerOf = (name: string) => (readFileSync(join(FIXTURES, name), 'utf8').split(/\r?\n/)[0] ?? '').split(',');

describe('format detection from the header', () => {
  it.each([
    ['substack-subscribers.csv', 'substack'],
    ['listmonk-subscribers.csv', 'listmonk'],
    ['listmonk-with-subscription-status.csv', 'listmonk'],
    ['ghost-members.csv', 'ghost'],
    ['buttondown-subscribers.csv', 'buttondown'],
    ['generic-unclosed-quote.csv', 'generic'],
  ])('%s is %s', (name, format) => {
    expect(detectFormat(headerOf(name))).toBe(format);
  });

  it('a header with no e-mail column is no format', () => {
    expect(detectFormat(['name', 'phone'])).toBeUndefined();
  });
});

describe('Substack', () => {
  it('created_at is the opt-in; email_disabled suppresses; no date asks again', async () => {
    expect(await rowsOf('substack-subscribers.csv', { language: 'ru' })).toEqual([
      { line: 2, kind: 'confirmed', email: 'reader@example.com', language: 'ru', optInAt: '2023-04-01T08:00:00.000Z' },
      { line: 3, kind: 'suppressed', email: 'off@example.com', reason: 'unsubscribed' },
      { line: 4, kind: 'confirmed', email: 'paid@example.com', language: 'ru', optInAt: '2024-01-01T10:00:00.000Z' },
      { line: 5, kind: 'repermission', email: 'nodate@example.com', language: 'ru' },
      {
        line: 6,
        kind: 'problem',
        code: 'invalid_address',
        reason: 'invalid e-mail address: email has an invalid local part',
      },
    ]);
  });
});

describe('listmonk', () => {
  it('enabled is no evidence, blocklisted suppresses, the language comes from the attributes JSON', async () => {
    expect(await rowsOf('listmonk-subscribers.csv', { language: 'en' })).toEqual([
      { line: 2, kind: 'repermission', email: 'anna@example.com', language: 'be' },
      { line: 3, kind: 'suppressed', email: 'blocked@example.com', reason: 'unsubscribed' },
      { line: 4, kind: 'repermission', email: 'plain@example.com', language: 'en' },
      { line: 5, kind: 'problem', code: 'unknown_status', reason: 'unknown listmonk status "paused"', value: 'paused' },
    ]);
  });

  it('a subscription_status of confirmed is the double opt-in; unsubscribed suppresses', async () => {
    expect(await rowsOf('listmonk-with-subscription-status.csv', { language: 'en' })).toEqual([
      { line: 2, kind: 'confirmed', email: 'conf@example.com', language: 'ru', optInAt: '2023-05-06T04:08:09.000Z' },
      { line: 3, kind: 'repermission', email: 'unconf@example.com', language: 'en' },
      { line: 4, kind: 'suppressed', email: 'unsub@example.com', reason: 'unsubscribed' },
    ]);
  });
});

describe('Ghost', () => {
  it('subscribed_to_emails decides; a label names the language; two languages are a problem', async () => {
    expect(await rowsOf('ghost-members.csv', { language: 'ru' })).toEqual([
      { line: 2, kind: 'confirmed', email: 'member@example.com', language: 'be', optInAt: '2022-03-04T05:06:07.000Z' },
      { line: 3, kind: 'suppressed', email: 'unsub@example.com', reason: 'unsubscribed' },
      {
        line: 4,
        kind: 'problem',
        code: 'several_languages',
        reason: 'the tags name more than one language (en, ru)',
        value: 'en, ru',
      },
      { line: 5, kind: 'confirmed', email: 'nolabel@example.com', language: 'ru', optInAt: '2021-12-31T22:00:00.000Z' },
    ]);
  });
});

describe('Buttondown', () => {
  it('regular is confirmed, unactivated asks again, the other types suppress, an unknown one is a problem', async () => {
    expect(await rowsOf('buttondown-subscribers.csv')).toEqual([
      { line: 2, kind: 'confirmed', email: 'reg@example.com', language: 'en', optInAt: '2020-07-01T12:00:00.000Z' },
      { line: 3, kind: 'repermission', email: 'new@example.com', language: 'be' },
      { line: 4, kind: 'suppressed', email: 'bye@example.com', reason: 'unsubscribed' },
      { line: 5, kind: 'suppressed', email: 'spam@example.com', reason: 'cleaned' },
      {
        line: 6,
        kind: 'problem',
        code: 'unknown_status',
        reason: 'unknown Buttondown subscriber type "mystery"',
        value: 'mystery',
      },
    ]);
  });
});
