import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/app/config.ts';
import { ConfigError } from '../../functions/core/errors.ts';

const valid = {
  TABLE_NAME: 'newsletter',
  SENDER_EMAIL: 'Weekly <weekly@example.org>',
  PUBLIC_URL: 'https://news.example.org/',
  SECRETS_JSON: '{"master":"x"}',
};

describe('loadConfig', () => {
  it('applies the documented defaults and strips the trailing slash of PUBLIC_URL', () => {
    const config = loadConfig(valid);
    expect(config.PUBLIC_URL).toBe('https://news.example.org');
    expect(config).toMatchObject({
      MAIL_COOLDOWN_SECONDS: 120,
      MAIL_MAX_PER_DAY: 5,
      SUBSCRIBE_RATE_LIMIT: 10,
      TIMEZONE: 'Europe/Minsk',
    });
    expect(config.LANGUAGES).toEqual(['en', 'be', 'ru']);
  });

  it('lists every bad key at once', () => {
    try {
      loadConfig({ PUBLIC_URL: 'ftp://x', MAIL_MAX_PER_DAY: '-1', LANGUAGES: 'en,de' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      for (const key of ['TABLE_NAME', 'SENDER_EMAIL', 'PUBLIC_URL', 'MAIL_MAX_PER_DAY', 'LANGUAGES'])
        expect(message).toContain(key);
    }
  });

  it('requires exactly one source of secrets', () => {
    expect(() => loadConfig({ ...valid, SECRET_ARN: 'arn:aws:secretsmanager:eu-central-1:1:secret:x' })).toThrow(
      /SECRET_ARN/,
    );
    const { SECRETS_JSON: _, ...none } = valid;
    expect(() => loadConfig(none)).toThrow(/SECRET_ARN/);
  });

  it('parses language fallbacks as JSON', () => {
    expect(loadConfig({ ...valid, LANGUAGE_FALLBACKS: '{"be":["ru"]}' }).LANGUAGE_FALLBACKS).toEqual({ be: ['ru'] });
    expect(() => loadConfig({ ...valid, LANGUAGE_FALLBACKS: '{be' })).toThrow(/LANGUAGE_FALLBACKS/);
    expect(() => loadConfig({ ...valid, LANGUAGE_FALLBACKS: '{"be":["de"]}' })).toThrow(/LANGUAGE_FALLBACKS/);
    expect(() => loadConfig({ ...valid, LANGUAGE_FALLBACKS: '{"xx":["ru"]}' })).toThrow(/LANGUAGE_FALLBACKS/);
  });

  it('caps the batch size at what the deliverer accepts', () => {
    expect(loadConfig({ ...valid, BATCH_SIZE: '500' }).BATCH_SIZE).toBe(500);
    expect(() => loadConfig({ ...valid, BATCH_SIZE: '501' })).toThrow(/BATCH_SIZE/);
  });
});

describe('loadConfig: feeds and editors', () => {
  it('reads FEEDS, FEED_TRENDS and EDITOR_EMAILS, and defaults them to nothing', () => {
    expect(loadConfig(valid)).toMatchObject({ FEEDS: {}, FEED_TRENDS: {}, EDITOR_EMAILS: [] });
    const config = loadConfig({
      ...valid,
      FEEDS: '{"en":["https://example.org/en/rss.xml"],"ru":["https://example.org/ru/feed.json"]}',
      FEED_TRENDS: '{"Worse":"worse"}',
      EDITOR_EMAILS: 'a@example.org, b@example.org',
    });
    expect(config.FEEDS).toEqual({ en: ['https://example.org/en/rss.xml'], ru: ['https://example.org/ru/feed.json'] });
    expect(config.FEED_TRENDS).toEqual({ Worse: 'worse' });
    expect(config.EDITOR_EMAILS).toEqual(['a@example.org', 'b@example.org']);
  });

  it('names FEEDS, FEED_TRENDS and EDITOR_EMAILS when they are wrong', () => {
    expect(() =>
      loadConfig({
        ...valid,
        FEEDS: '{"de":["https://x.example/"]}',
        FEED_TRENDS: 'nope',
        EDITOR_EMAILS: 'not-an-address',
      }),
    ).toThrow(/FEEDS.*FEED_TRENDS.*EDITOR_EMAILS/);
  });
});

describe('loadConfig: unset and set variables', () => {
  it('leaves an unset optional variable out and still validates one set to an empty value', () => {
    expect(loadConfig(valid)).not.toHaveProperty('PRIVACY_URL');
    expect(() => loadConfig({ ...valid, PRIVACY_URL: '' })).toThrow(/^invalid configuration: PRIVACY_URL is invalid/);
  });

  it('gives every configuration its own copy of a default list', () => {
    loadConfig(valid).LANGUAGES.pop();
    expect(loadConfig(valid).LANGUAGES).toEqual(['en', 'be', 'ru']);
  });

  it('reports a missing secret source only once the variables themselves are valid, in one line', () => {
    const { SECRETS_JSON: _, ...none } = valid;
    expect(() => loadConfig({ ...none, BATCH_SIZE: '0' })).toThrow(
      /^invalid configuration: BATCH_SIZE is invalid \(too_small\)$/,
    );
    expect(() => loadConfig(none)).toThrow(
      /^invalid configuration: SECRET_ARN set exactly one of SECRET_ARN and SECRETS_JSON$/,
    );
  });
});
