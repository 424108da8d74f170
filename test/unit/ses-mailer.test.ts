import { describe, expect, it } from 'vitest';
import { classifySesError } from '../../functions/adapters/ses/mailer.ts';

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
    ['"Daily message quota exceeded"', error('Unknown', 400, 'Daily message quota exceeded.'), 'throttled'],
    ['a 400 MessageRejected', error('MessageRejected', 400), 'rejected'],
    ['a 400 the SDK could not name', error('Unknown', 400), 'rejected'],
    ['a 400 BadRequestException', error('BadRequestException', 400), 'rejected'],
    ['sending paused for the account', error('SendingPausedException', 400), 'blocked'],
    ['a suspended account', error('AccountSuspendedException', 400), 'blocked'],
    ['an unverified MAIL FROM domain', error('MailFromDomainNotVerifiedException', 400), 'blocked'],
    ['a configuration set that does not exist', error('NotFoundException', 404), 'blocked'],
    ['access denied', error('AccessDeniedException', 403), 'blocked'],
    ['an expired token', error('ExpiredTokenException', 403), 'blocked'],
    ['a 500', error('InternalFailure', 500), 'transient'],
    ['a 503 the SDK could not name', error('Unknown', 503), 'transient'],
    ['a network error without a status', error('ECONNRESET', undefined), 'transient'],
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
