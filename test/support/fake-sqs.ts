import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A message the fake queue received. */
export interface ReceivedMessage {
  readonly messageId: string;
  readonly body: string;
}

/**
 * Just enough of SQS (JSON protocol): SendMessage and ChangeMessageVisibility are recorded, GetQueueAttributes answers `state.waiting`. There is no SQS stand-in
 * among the project's tools; the tests only need to see what dispatch enqueues and how the deliverer backs off.
 */
export async function startFakeSqs(): Promise<{
  endpoint: string;
  queueUrl: string;
  messages: ReceivedMessage[];
  /** What GetQueueAttributes answers as the messages waiting (visible and delayed). */
  state: { waiting: number };
  visibilityChanges: { receiptHandle: string; visibilityTimeout: number }[];
  close(): Promise<void>;
}> {
  const messages: ReceivedMessage[] = [];
  const state = { waiting: 0 };
  const visibilityChanges: { receiptHandle: string; visibilityTimeout: number }[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const input = raw
        ? (JSON.parse(raw) as { MessageBody?: string; ReceiptHandle?: string; VisibilityTimeout?: number })
        : {};
      let out: Record<string, unknown> = {};
      if (target.endsWith('.SendMessage')) {
        const body = input.MessageBody ?? '';
        const messageId = `m-${messages.length + 1}`;
        messages.push({ messageId, body });
        out = { MessageId: messageId, MD5OfMessageBody: createHash('md5').update(body).digest('hex') };
      } else if (target.endsWith('.ChangeMessageVisibility')) {
        visibilityChanges.push({
          receiptHandle: input.ReceiptHandle ?? '',
          visibilityTimeout: input.VisibilityTimeout ?? -1,
        });
      } else if (target.endsWith('.GetQueueAttributes')) {
        out = {
          Attributes: { ApproximateNumberOfMessages: String(state.waiting), ApproximateNumberOfMessagesDelayed: '0' },
        };
      } else {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ __type: 'com.amazonaws.sqs#UnsupportedOperation', message: target }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(out));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    queueUrl: `${endpoint}/123456789012/send-queue`,
    messages,
    state,
    visibilityChanges,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
