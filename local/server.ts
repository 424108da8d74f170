import { startLocalStack } from './stack.ts';

const port = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number`);
  return value;
};

const stack = await startLocalStack({
  port: port('PORT', 3000),
  dynamoPort: port('DYNAMODB_PORT', 8000),
  sesPort: port('SES_PORT', 8005),
  dataDir: '.data',
});

console.log(`Belarus Weekly is running on this machine only (data in .data/).
  Home page and API      ${stack.apiUrl}/
  Inbox viewer (SES)     ${stack.sesUrl}/        sent e-mails as JSON: ${stack.sesUrl}/store
  DynamoDB stand-in      ${stack.dynamo.endpoint}
Try it:
  curl -i -X POST ${stack.apiUrl}/subscribe -H 'content-type: application/json' -d '{"email":"reader@example.org","language":"be"}'
  then open the confirmation e-mail in the inbox viewer and follow its link.
Press Ctrl-C to stop.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    void stack.close().then(() => process.exit(0));
  });
}
