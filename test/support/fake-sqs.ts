import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A message the fake queue received. */
export interface ReceivedMessage {
  readonly messageId: string;
  readonly body: string;
}

interface Input {
  MessageBody?: string;
  ReceiptHandle?: string;
  VisibilityTimeout?: number;
  Entries?: { Id: string; MessageBody: string }[];
}

const md5 = (body: string) => createHash('md5').update(body).digest('hex');

/**
 * Just enough of SQS (JSON protocol): SendMessage, SendMessageBatch (at most 10 entries, as SQS) and
 * ChangeMessageVisibility are recorded. There is no SQS stand-in among the project's tools; the tests only need to
 * see what dispatch enqueues and how the deliverer backs off, and the bench times dispatch against it.
 */
export async function startFakeSqs(): Promise<{
  endpoint: string;
  queueUrl: string;
  messages: ReceivedMessage[];
  /** Calls received, by SQS action. */
  calls: Record<string, number>;
  visibilityChanges: { receiptHandle: string; visibilityTimeout: number }[];
  close(): Promise<void>;
}> {
  const messages: ReceivedMessage[] = [];
  const calls: Record<string, number> = {};
  const visibilityChanges: { receiptHandle: string; visibilityTimeout: number }[] = [];
  const receive = (body: string) => {
    const messageId = `m-${messages.length + 1}`;
    messages.push({ messageId, body });
    return { MessageId: messageId, MD5OfMessageBody: md5(body) };
  };
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const action = String(req.headers['x-amz-target'] ?? '').replace(/^.*\./, '');
      const input = (raw ? JSON.parse(raw) : {}) as Input;
      calls[action] = (calls[action] ?? 0) + 1;
      let out: Record<string, unknown> = {};
      let error: string | undefined;
      if (action === 'SendMessage') out = receive(input.MessageBody ?? '');
      else if (action === 'SendMessageBatch') {
        const entries = input.Entries ?? [];
        if (entries.length === 0 || entries.length > 10) error = 'TooManyEntriesInBatchRequest';
        else out = { Successful: entries.map((e) => ({ Id: e.Id, ...receive(e.MessageBody) })), Failed: [] };
      } else if (action === 'ChangeMessageVisibility') {
        visibilityChanges.push({
          receiptHandle: input.ReceiptHandle ?? '',
          visibilityTimeout: input.VisibilityTimeout ?? -1,
        });
      } else error = 'UnsupportedOperation';
      if (error) {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ __type: `com.amazonaws.sqs#${error}`, message: action }));
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
    calls,
    visibilityChanges,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
