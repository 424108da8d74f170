import { createServer } from 'node:http';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { classifySesError, SesMailer, sesClientOptions } from '../../functions/adapters/ses/mailer.ts';
import { retryOnlyUnsent } from '../../functions/adapters/ses/retry.ts';
import { listenLocally } from '../support/listen.ts';

const MAIL = { to: 'reader@mail.example', subject: 's', html: '<p>h</p>', text: 't' };

const error = (name: string, status: number | undefined, message = 'failed') =>
  Object.assign(new Error(message), { name, $metadata: status === undefined ? {} : { httpStatusCode: status } });

describe('classifySesError', () => {
  // The SES stand-in answers with the right status, but the SDK names its errors `Unknown`.
  it.each([
    ['a 429 the SDK could not name', error('Unknown', 429), 'throttled'],
    ['TooManyRequestsException', error('TooManyRequestsException', 429), 'throttled'],
    ['ThrottlingException without a status', error('ThrottlingException', undefined), 'throttled'],
    [
      '"Maximum sending rate exceeded" on a 400',
      error('Throttling', 400, 'Maximum sending rate exceeded.'),
      'throttled',
    ],
    // The 24-hour quota spent: the edition waits for SES's rolling window (no retry at once, no deferral budget).
    ['"Daily message quota exceeded"', error('Unknown', 400, 'Daily message quota exceeded.'), 'quota'],
    ['LimitExceededException', error('LimitExceededException', 400, 'Daily message quota exceeded.'), 'quota'],
    ['v1 Throttling with the quota text', error('Throttling', 400, 'Daily message quota exceeded.'), 'quota'],
    ['a 400 MessageRejected', error('MessageRejected', 400), 'rejected'],
    ['a 400 the SDK could not name', error('Unknown', 400), 'rejected'],
    ['a 400 BadRequestException', error('BadRequestException', 400), 'rejected'],
    ['sending paused for the account', error('SendingPausedException', 400), 'blocked'],
    ['a suspended account', error('AccountSuspendedException', 400), 'blocked'],
    ['an unverified MAIL FROM domain', error('MailFromDomainNotVerifiedException', 400), 'blocked'],
    ['a configuration set that does not exist', error('NotFoundException', 404), 'blocked'],
    ['access denied', error('AccessDeniedException', 403), 'blocked'],
    ['an expired token', error('ExpiredTokenException', 403), 'blocked'],
    // SES had the request: it may have taken the e-mail (issue 20 item 3).
    ['a 500', error('InternalFailure', 500), 'uncertain'],
    ['a 503 the SDK could not name', error('Unknown', 503), 'uncertain'],
    [
      'a connection reset after the request',
      Object.assign(error('Error', undefined), { code: 'ECONNRESET' }),
      'uncertain',
    ],
    ['socket hang up', error('Error', undefined, 'socket hang up'), 'uncertain'],
    [
      'the request timeout',
      Object.assign(error('TimeoutError', undefined, 'a request has exceeded the configured 10000 ms requestTimeout'), {
        code: 'ETIMEDOUT',
      }),
      'uncertain',
    ],
    // Nothing reached SES: safe to send again.
    ['a refused connection', Object.assign(error('Error', undefined), { code: 'ECONNREFUSED' }), 'transient'],
    ['an unknown host', Object.assign(error('Error', undefined), { code: 'ENOTFOUND' }), 'transient'],
    [
      'a connection never established',
      error(
        'TimeoutError',
        undefined,
        'the request socket did not establish a connection with the server within 3000 ms',
      ),
      'transient',
    ],
    ['missing credentials', error('CredentialsProviderError', undefined), 'transient'],
  ])('classifies %s as %s', (_what, e, kind) => {
    expect(classifySesError(e)).toBe(kind);
  });

  // What SES answers before the sender's DKIM records verify, and in the sandbox for an unverified recipient.
  const sender = { from: '"Weekly" <weekly@news.example.org>', configurationSet: 'newsletter-sending' };
  const notVerified = (identities: string) =>
    error(
      'MessageRejected',
      400,
      `Email address is not verified. The following identities failed the check in region EU-WEST-1: ${identities}`,
    );
  it.each([
    ['the sender address not verified', notVerified('weekly@news.example.org'), 'blocked'],
    ['the sender domain not verified', notVerified('news.example.org'), 'blocked'],
    [
      'sender and recipient not verified',
      notVerified('reader@mail.example, Weekly <weekly@news.example.org>'),
      'blocked',
    ],
    ['only a sandbox recipient not verified', notVerified('reader@mail.example'), 'rejected'],
    ['a recipient at the sender domain not verified', notVerified('editor@news.example.org'), 'rejected'],
    [
      'the configuration set named',
      error('MessageRejected', 400, 'Configuration set newsletter-sending is invalid'),
      'blocked',
    ],
    ['sending paused, said in a 400', error('Unknown', 400, 'Sending paused for this account.'), 'blocked'],
    ['a suppressed recipient', error('MessageRejected', 400, 'Email address is on the suppression list'), 'rejected'],
  ])('classifies %s as %s', (_what, e, kind) => {
    expect(classifySesError(e, sender)).toBe(kind);
  });
});

describe('retryOnlyUnsent (the SES client retry policy)', () => {
  const strategy = retryOnlyUnsent(
    3,
    (e) => classifySesError(e),
    () => 0.5,
  );
  const retry = async (e: unknown, count = 0) =>
    strategy.refreshRetryTokenForRetry(
      { getRetryCount: () => count, getRetryDelay: () => 0 },
      { error: e as never, errorType: 'TRANSIENT' },
    );

  it('tries again after throttling and a refused connection, with a growing delay', async () => {
    expect((await retry(error('TooManyRequestsException', 429))).getRetryDelay()).toBe(100);
    const again = await retry(Object.assign(error('Error', undefined), { code: 'ECONNREFUSED' }), 1);
    expect([again.getRetryCount(), again.getRetryDelay()]).toEqual([2, 200]);
  });

  it.each([
    ['a 500', error('InternalFailure', 500)],
    ['a cut connection', Object.assign(error('Error', undefined), { code: 'ECONNRESET' })],
    ['a rejection', error('MessageRejected', 400)],
  ])('never tries again after %s', async (_what, e) => {
    await expect(retry(e)).rejects.toBe(e);
  });

  it('stops at the attempt limit', async () => {
    await expect(retry(error('TooManyRequestsException', 429), 2)).rejects.toThrow();
  });
});

describe('SesMailer.create', () => {
  it('gives up on a call SES never answers after the request timeout, as uncertain, without a second attempt', async () => {
    const requests: string[] = [];
    const server = createServer((req) => requests.push(req.url ?? ''));
    const { endpoint, close } = await listenLocally(server);
    try {
      const client = new SESv2Client({
        ...sesClientOptions(3, {}, { connectMs: 1_000, requestMs: 300 }),
        endpoint,
        region: 'eu-west-1',
        credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      });
      const send = new SesMailer(client, 'weekly@news.example.org').send(MAIL);
      await expect(send).rejects.toMatchObject({ name: 'SendFailure', kind: 'uncertain' });
      expect(requests).toHaveLength(1);
    } finally {
      server.closeAllConnections();
      await close();
    }
  });
});

describe('a refusal that names the recipient', () => {
  it('reaches the caller (and so the logs) without the address, in any case', async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'MessageRejected' });
        res.end(JSON.stringify({ message: `Email address is not verified: READER@Mail.Example, ${MAIL.to}` }));
      });
    });
    const { endpoint, close } = await listenLocally(server);
    try {
      const client = new SESv2Client({
        ...sesClientOptions(1, {}),
        endpoint,
        region: 'eu-west-1',
        credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      });
      const failure = await new SesMailer(client, 'weekly@news.example.org').send(MAIL).catch((e: unknown) => e);
      expect(failure).toMatchObject({ name: 'SendFailure', kind: 'rejected' });
      const cause = (failure as { cause: Error }).cause;
      expect(cause.message).toContain('<recipient>');
      expect(JSON.stringify({ m: cause.message, s: String(cause.stack) }).toLowerCase()).not.toContain(MAIL.to);
    } finally {
      server.closeAllConnections();
      await close();
    }
  });
});
