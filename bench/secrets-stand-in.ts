import { createServer } from 'node:http';
import { localSecret } from '../local/env.ts';
import { listenLocally } from '../test/support/listen.ts';

/** The secret every function fetches at cold start on AWS: its ARN and the JSON stored under it. */
export const BENCH_SECRET = {
  arn: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:newsletter-bench-AbCdEf',
  // With a local wrapping key and data key: the functions that mail a reader unwrap it at init.
  json: localSecret(undefined),
};

/**
 * A Secrets Manager stand-in for figure 3: answers GetSecretValue (awsJson1_1) with BENCH_SECRET, counts the calls,
 * and answers anything else 400, so a function making another call at start shows up as an error, not a hang.
 */
export async function startSecretsStandIn() {
  const calls = { GetSecretValue: 0, other: 0 };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      if (target === 'secretsmanager.GetSecretValue') {
        calls.GetSecretValue++;
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ ARN: BENCH_SECRET.arn, Name: 'newsletter-bench', SecretString: BENCH_SECRET.json }));
        return;
      }
      calls.other++;
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'UnknownOperation' });
      res.end(JSON.stringify({ message: `no ${target} here` }));
    });
  });
  const { endpoint, close } = await listenLocally(server);
  return { endpoint, calls, close };
}
