import { describe, expect, it } from 'vitest';
import { resolveTarget } from '../../local/api-client.ts';
import { localEnvironment } from '../../local/env.ts';

const at = { apiUrl: 'http://127.0.0.1:3000', dynamoEndpoint: 'http://127.0.0.1:8000', sesEndpoint: 'http://x' };

describe('the runner and the CLI started from one shell', () => {
  it.each([
    ['without AWS credentials', {}, 'local'],
    [
      'with AWS credentials',
      { AWS_ACCESS_KEY_ID: 'AKIADEPLOYER', AWS_SECRET_ACCESS_KEY: 'deployer-secret' },
      'AKIADEPLOYER',
    ],
  ])('agree on the credentials of the default local stack, %s', (_, shell, accessKeyId) => {
    const runner = localEnvironment(at, {}, shell);
    const cli = resolveTarget({}, { ...shell, PORT: '3000' });
    expect(runner.AWS_ACCESS_KEY_ID).toBe(accessKeyId);
    expect(cli.credentials).toEqual({
      accessKeyId: runner.AWS_ACCESS_KEY_ID,
      secretAccessKey: runner.AWS_SECRET_ACCESS_KEY,
    });
    expect(cli.baseUrl).toBe('http://127.0.0.1:3000');
  });
});
