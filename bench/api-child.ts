import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../functions/adapters/dynamo/client.ts';
import { keys } from '../functions/adapters/dynamo/keys.ts';
import { startLocalStack } from '../local/stack.ts';
import { renderConfirmationEmail } from '../templates/emails.ts';
import { serveParent } from './child.ts';

type Saved = { destination: { to: string[] } };
const sesStore = createRequire(import.meta.url)('aws-ses-v2-local/dist/store.js') as {
  clearStore(): void;
  saveEmail(email: Saved): void;
};
/** When the SES stand-in accepted an e-mail, by recipient, in epoch ms (comparable with the parent's clock). */
let accepted = new Map<string, number>();
const save = sesStore.saveEmail;
// The stand-in's SendEmail calls the module's export at call time: wrapping it timestamps every accepted e-mail.
sesStore.saveEmail = (email) => {
  const at = performance.timeOrigin + performance.now();
  for (const to of email.destination.to) accepted.set(to.replace(/^.*<(.*)>$/, '$1'), at);
  save(email);
};

// The local runner (real handlers, stand-ins in this process) and, beside it, the floor route.
const stack = await startLocalStack({
  env: { POWERTOOLS_LOG_LEVEL: 'ERROR', CONFIRMATIONS_PER_HOUR: '1000000' },
  trustForwardedFor: true,
});
const db = createDocumentClient();
const ses = new SESv2Client({});
const mail = renderConfirmationEmail('en', {
  confirmUrl: `${stack.apiUrl}/confirm?token=${randomBytes(90).toString('base64url')}`,
  eraseUrl: `${stack.apiUrl}/erase?token=${randomBytes(120).toString('base64url')}&lang=en`,
  expiresInDays: 7,
});

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** One bare UpdateItem counting the request against its client. */
async function count(req: IncomingMessage): Promise<void> {
  const client = String(req.headers['x-forwarded-for'] ?? 'unknown');
  await db.send(
    new UpdateCommand({
      TableName: stack.env.TABLE_NAME,
      Key: keys.rate('floor', client),
      UpdateExpression: 'ADD hits :one',
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
}

/** What the queue floor enqueued (an in-process queue, as the local subscribe's): taken at each `clear`. */
let queued: unknown[] = [];

/**
 * The queue floor, what a subscribe strictly does before answering: parse the JSON, count the request against its
 * client (one bare UpdateItem), enqueue the request in process, 202.
 */
const queueFloor = createServer(async (req, res) => {
  try {
    const input = JSON.parse(await body(req)) as { email: string; language: string };
    await count(req);
    queued.push({ requestId: randomBytes(16).toString('base64url'), ...input });
    res.writeHead(202, { 'Content-Type': 'application/json' });
    res.end('{"status":"pending"}');
  } catch (error) {
    res.writeHead(500, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: String(error) }));
  }
});

/**
 * The confirmation floor, the I/O from a subscribe to its confirmation e-mail end to end, in the request (issue 14):
 * parse the JSON, count the request (one bare UpdateItem), one conditional PutItem of the pending record, one bare
 * SendEmail of a same-size e-mail, 202.
 */
const floor = createServer(async (req, res) => {
  try {
    const input = JSON.parse(await body(req)) as { email: string; language: string };
    await count(req);
    const id = randomBytes(16).toString('base64url');
    await db.send(
      new PutCommand({
        TableName: stack.env.TABLE_NAME,
        Item: { ...keys.subscriber(id), id, email: input.email, language: input.language, status: 'pending' },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: stack.env.SENDER_EMAIL,
        Destination: { ToAddresses: [input.email] },
        Content: {
          Simple: {
            Subject: { Data: mail.subject, Charset: 'UTF-8' },
            Body: { Html: { Data: mail.html, Charset: 'UTF-8' }, Text: { Data: mail.text, Charset: 'UTF-8' } },
          },
        },
      }),
    );
    res.writeHead(202, { 'Content-Type': 'application/json' });
    res.end('{"status":"pending"}');
  } catch (error) {
    res.writeHead(500, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: String(error) }));
  }
});
for (const server of [floor, queueFloor]) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = (server: typeof floor) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

serveParent(async (m) => {
  if (m.type === 'clear') {
    queued = [];
    accepted = new Map();
    return sesStore.clearStore();
  }
  // Epoch ms at which the SES stand-in accepted each recipient's e-mail since the last clear.
  if (m.type === 'accepted') return Object.fromEntries(accepted);
  // The subscribe side answers before its confirmation e-mail goes out: the parent waits for the queue to empty.
  if (m.type === 'drain') return stack.drain();
  // CPU this process used so far, in ms (user + system): bench/subscribe-parts.ts takes differences.
  if (m.type === 'cpu') return (({ user, system }) => (user + system) / 1000)(process.cpuUsage());
  throw new Error(`unknown request ${m.type}`);
});
process.send?.({
  type: 'ready',
  value: { apiUrl: stack.apiUrl, floorUrl: url(floor), queueFloorUrl: url(queueFloor) },
});
