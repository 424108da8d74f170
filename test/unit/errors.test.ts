import { describe, expect, it } from 'vitest';
import { parseSecrets } from '../../functions/adapters/secrets.ts';
import { loadConfig } from '../../functions/app/config.ts';
import { ConfigError, NewsletterError } from '../../functions/core/errors.ts';
import { parseBody, RequestError } from '../../functions/handlers/http/request.ts';
import { CliError } from '../../local/cli.ts';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const jsonRequest = (body: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  query: new URLSearchParams(),
  body,
  clientAddress: '192.0.2.1',
  wantsHtml: false,
});

describe('errors', () => {
  it('share one base class that carries the cause', () => {
    for (const error of [
      new ConfigError('bad', { cause: 'c' }),
      new RequestError(400, 'invalid_json', 'bad', { cause: 'c' }),
      new CliError('bad', { cause: 'c' }),
    ]) {
      expect(error).toBeInstanceOf(NewsletterError);
      expect(error.cause).toBe('c');
    }
  });

  it('a bad configuration is a ConfigError', () => {
    expect(thrown(() => loadConfig({}))).toBeInstanceOf(ConfigError);
  });

  it('a secret that is not JSON is a ConfigError keeping the parser’s error', () => {
    const error = thrown(() => parseSecrets('{not json')) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe('secret is not JSON');
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('an invalid secret is a ConfigError naming the field, with the validation issues as cause', () => {
    const error = thrown(() => parseSecrets('{"master":"short"}')) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe('secret is invalid: master');
    expect(error.cause).toBeDefined();
  });

  it('a body that is not JSON is a 400 RequestError keeping the parser’s error', () => {
    const error = thrown(() => parseBody(jsonRequest('{"email":'))) as RequestError;
    expect(error).toBeInstanceOf(RequestError);
    expect([error.status, error.code]).toEqual([400, 'invalid_json']);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });
});
