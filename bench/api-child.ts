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

const sesStore = createRequire(import.meta.url)('aws-ses-v2-local/dist/store.js') as { clearStore(): void };

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

/**
 * The floor, the I/O a subscribe strictly needs (issue 14): parse the JSON, count the request against its client (one
 * bare UpdateItem), one conditional PutItem of the pending record, one bare SendEmail of a same-size e-mail, 202.
 */
const floor = createServer(async (req, res) => {
  try {
    const input = JSON.parse(await body(req)) as { email: string; language: string };
    const client = String(req.headers['x-forwarded-for'] ?? 'unknown');
    await db.send(
      new UpdateCommand({
        TableName: stack.env.TABLE_NAME,
        Key: keys.rate('floor', client),
        UpdateExpression: 'ADD hits :one',
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
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
await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve));

serveParent(async (m) => {
  if (m.type === 'clear') return sesStore.clearStore();
  // The subscribe side answers before its confirmation e-mail goes out: the parent waits for the queue to empty.
  if (m.type === 'drain') return stack.drain();
  throw new Error(`unknown request ${m.type}`);
});
process.send?.({
  type: 'ready',
  value: { apiUrl: stack.apiUrl, floorUrl: `http://127.0.0.1:${(floor.address() as AddressInfo).port}` },
});
