import type { EntryName } from '../../infra/lambda.ts';

// What each function of the stack may do, written out by hand, independently of infra/functions.ts: iam.test.ts
// compares the synthesized roles with it. Resources are matched by their CloudFormation logical id's prefix.

export const id = (prefix: string) => `${prefix}[0-9A-F]{8}`;
export const TABLE = new RegExp(`^${id('Table')}\\.Arn$`);
const index = (name: string) => new RegExp(`^${id('Table')}\\.Arn/index/${name}$`);
const SECRET = new RegExp(`^arn:aws:secretsmanager:eu-central-1:123456789012:secret:${id('Secret')}$`);
export const SES_IDENTITY = new RegExp(`^arn:aws:ses:eu-central-1:123456789012:identity/${id('EmailIdentity')}$`);
const SES_CONFIG_SET = new RegExp(
  `^arn:aws:ses:eu-central-1:123456789012:configuration-set/${id('EmailConfigurationSet')}$`,
);
const SEND_QUEUE = new RegExp(`^${id('SendingSendQueue')}\\.Arn$`);
const CONFIRM_QUEUE = new RegExp(`^${id('ConfirmationsQueue')}\\.Arn$`);
const INVOCATION_DLQ = new RegExp(`^${id('SendingInvocationDlq')}\\.Arn$`);
const DISPATCH = new RegExp(`^${id('DispatchFunction')}\\.Arn$`);
export const logs = (fn: string) => new RegExp(`^${id(`${fn}Logs`)}\\.Arn$`);

export const LOGS = ['logs:CreateLogStream', 'logs:PutLogEvents'];
const SECRET_READ = { 'secretsmanager:GetSecretValue': [SECRET] };
const SEND_EMAIL = { 'ses:SendEmail': [SES_IDENTITY, SES_CONFIG_SET] };
/** Whether SES lets the sender's identity send, asked before an edition's send starts (issue 20 item 1). */
const CHECK_SENDER = { 'ses:GetEmailIdentity': [SES_IDENTITY] };
/** What an on-failure destination of asynchronous invocations grants the function (Lambda sends as the function). */
const FAILURE_DESTINATION = {
  'sqs:SendMessage': [INVOCATION_DLQ],
  'sqs:GetQueueAttributes': [INVOCATION_DLQ],
  'sqs:GetQueueUrl': [INVOCATION_DLQ],
};
/** What an SQS event source grants the function it feeds. */
const consumerOf = (queue: RegExp) =>
  Object.fromEntries(
    ['ReceiveMessage', 'ChangeMessageVisibility', 'DeleteMessage', 'GetQueueUrl', 'GetQueueAttributes'].map((a) => [
      `sqs:${a}`,
      [queue],
    ]),
  );
const items = (...actions: string[]) => Object.fromEntries(actions.map((a) => [`dynamodb:${a}`, [TABLE]]));

/** What each function may do, written out independently of infra/functions.ts: action → allowed resources. */
export const EXPECTED: Record<EntryName, { logs: string; grants: Record<string, RegExp[]> }> = {
  subscribe: {
    logs: 'Subscribe',
    grants: { ...items('GetItem', 'UpdateItem'), ...SECRET_READ, 'sqs:SendMessage': [CONFIRM_QUEUE] },
  },
  'send-confirmation': {
    logs: 'SendConfirmation',
    grants: {
      ...items('GetItem', 'PutItem', 'UpdateItem'),
      ...SECRET_READ,
      ...SEND_EMAIL,
      ...consumerOf(CONFIRM_QUEUE),
    },
  },
  confirm: {
    logs: 'Confirm',
    grants: { ...items('GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'), ...SECRET_READ, ...SEND_EMAIL },
  },
  unsubscribe: { logs: 'Unsubscribe', grants: { ...items('GetItem', 'PutItem', 'UpdateItem'), ...SECRET_READ } },
  // The e-mails' erase link: the admin erase's table actions on the reader's own keys, no SES, no index, no scan.
  erase: {
    logs: 'Erase',
    grants: {
      ...items('GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'Query'),
      ...SECRET_READ,
    },
  },
  widget: { logs: 'Widget', grants: {} },
  // The editors' desk serves its files and sign-in settings: nothing but its logs.
  desk: { logs: 'Desk', grants: {} },
  // The public archive reads published editions only: no secret, no SES, no index.
  archive: { logs: 'Archive', grants: items('GetItem', 'Query') },
  admin: {
    logs: 'Admin',
    grants: {
      ...items('GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'Scan'),
      // Delivery records on the table itself; commentaries by edition and confirmed readers on the two indexes.
      'dynamodb:Query': [TABLE, index('sending'), index('byEdition')],
      ...SECRET_READ,
      ...SEND_EMAIL,
      ...CHECK_SENDER,
      'lambda:InvokeFunction': [DISPATCH],
    },
  },
  dispatch: {
    logs: 'Dispatch',
    grants: {
      ...items('GetItem', 'PutItem', 'UpdateItem'),
      'dynamodb:Query': [index('sending'), index('byEdition')],
      ...SECRET_READ,
      ...CHECK_SENDER,
      'sqs:SendMessage': [SEND_QUEUE, INVOCATION_DLQ],
      // The failure destination of its asynchronous invocations (Lambda adds the look-ups with the destination).
      'sqs:GetQueueAttributes': [INVOCATION_DLQ],
      'sqs:GetQueueUrl': [INVOCATION_DLQ],
    },
  },
  // The second schedule's function: feeds in (feed state, commentaries), digests and reader counts, previews out.
  prepare: {
    logs: 'Prepare',
    grants: {
      ...items('GetItem', 'PutItem'),
      'dynamodb:Query': [index('sending'), index('byEdition')],
      ...SECRET_READ,
      ...SEND_EMAIL,
      ...FAILURE_DESTINATION,
    },
  },
  // The daily re-permission run: the steps' queue, the reader (deleted when unanswered), its counters; SES.
  repermission: {
    logs: 'Repermission',
    grants: {
      ...items('GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query'),
      ...SECRET_READ,
      ...SEND_EMAIL,
      ...FAILURE_DESTINATION,
    },
  },
  // The hold link: reads the hold and the send record, puts the hold; no index, no SES.
  hold: { logs: 'Hold', grants: { ...items('GetItem', 'PutItem'), ...SECRET_READ } },
  deliver: {
    logs: 'Deliver',
    grants: {
      // The completion check once the queue runs dry: its lease, delivery records, the summary, the bounce and
      // complaint sets, the week's reader sets, the once-only mark. No Scan: nothing reads the whole table.
      ...items('GetItem', 'BatchGetItem', 'UpdateItem', 'DeleteItem', 'PutItem', 'Query'),
      ...SECRET_READ,
      ...SEND_EMAIL,
      ...consumerOf(SEND_QUEUE),
      // The deliverer re-queues a throttled batch with a delay.
      'sqs:SendMessage': [SEND_QUEUE],
    },
  },
  'ses-events': {
    logs: 'SesEvents',
    grants: { ...items('GetItem', 'PutItem', 'UpdateItem'), ...SECRET_READ, ...FAILURE_DESTINATION },
  },
  inbound: {
    logs: 'Inbound',
    grants: {
      ...items('GetItem', 'PutItem', 'UpdateItem'),
      ...SECRET_READ,
      // Only the received messages under SES's prefix, never the whole bucket; no list, no write, no delete.
      's3:GetObject': [new RegExp(`^${id('ReceivingBucket')}\\.Arn/mail/\\*$`)],
      // The failure destination of its asynchronous invocations.
      ...FAILURE_DESTINATION,
    },
  },
};
