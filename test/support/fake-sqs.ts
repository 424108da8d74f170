import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { listenLocally } from './listen.ts';

/** A message the fake queue received. */
export interface ReceivedMessage {
  readonly messageId: string;
  readonly body: string;
  readonly delaySeconds: number;
}

interface Stored {
  readonly message: ReceivedMessage;
  visibleAt: number;
  receiveCount: number;
  receiptHandle?: string;
}

type Input = {
  Entries?: { Id: string; MessageBody: string; DelaySeconds?: number }[];
  MessageBody?: string;
  DelaySeconds?: number;
  ReceiptHandle?: string;
  VisibilityTimeout?: number;
  MaxNumberOfMessages?: number;
};

/** One record of the SQS event Lambda hands the deliverer. */
export interface SqsEventRecord {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly attributes: { ApproximateReceiveCount: string };
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/**
 * Enough of SQS's JSON protocol for the send pipeline: SendMessage (with DelaySeconds), SendMessageBatch (at most
 * ten entries), ReceiveMessage (visibility timeout, ApproximateReceiveCount), DeleteMessage,
 * ChangeMessageVisibility and GetQueueAttributes (plus `state.waiting`), on one queue. There is no SQS
 * stand-in among the project's tools. `messages` and `visibilityChanges` keep every call for the tests to inspect.
 */
export async function startFakeSqs(options: { visibilityTimeoutSeconds?: number; now?: () => number } = {}): Promise<{
  endpoint: string;
  queueUrl: string;
  messages: ReceivedMessage[];
  /** Calls received, by SQS action. */
  calls: Record<string, number>;
  /** What GetQueueAttributes answers as the messages waiting (visible and delayed). */
  state: { waiting: number };
  visibilityChanges: { receiptHandle: string; visibilityTimeout: number }[];
  /** Receives what is visible now (in flight from then on, as for a consumer), each message as the SQS event it makes. */
  receiveEvents(max?: number): { Records: SqsEventRecord[] }[];
  /** Messages still on the queue: visible, delayed or in flight. */
  stored(): number;
  /** Deletes a received message, as Lambda does once its handler succeeded. */
  remove(receiptHandle: string): void;
  close(): Promise<void>;
}> {
  const defaultVisibility = options.visibilityTimeoutSeconds ?? 30;
  // The queue's clock (delays and visibility timeouts): tests pass one they move forward instead of waiting.
  const clock = options.now ?? Date.now;
  const messages: ReceivedMessage[] = [];
  const calls: Record<string, number> = {};
  const state = { waiting: 0 };
  const visibilityChanges: { receiptHandle: string; visibilityTimeout: number }[] = [];
  const queue: Stored[] = [];
  const byHandle = (handle: string | undefined) => queue.find((m) => m.receiptHandle === handle);
  const operations: Record<string, (input: Input) => Record<string, unknown>> = {
    SendMessage(input) {
      const body = input.MessageBody ?? '';
      const message = { messageId: `m-${messages.length + 1}`, body, delaySeconds: input.DelaySeconds ?? 0 };
      messages.push(message);
      queue.push({ message, visibleAt: clock() + message.delaySeconds * 1000, receiveCount: 0 });
      return { MessageId: message.messageId, MD5OfMessageBody: md5(body) };
    },
    SendMessageBatch(input) {
      const entries = input.Entries ?? [];
      if (entries.length === 0 || entries.length > 10) throw new Error('TooManyEntriesInBatchRequest');
      const sent = entries.map((e) => ({ Id: e.Id, ...operations.SendMessage?.(e) }));
      return { Successful: sent, Failed: [] };
    },
    ReceiveMessage(input) {
      const now = clock();
      const visible = queue.filter((m) => m.visibleAt <= now).slice(0, input.MaxNumberOfMessages ?? 1);
      for (const m of visible) {
        m.receiveCount++;
        m.receiptHandle = randomUUID();
        m.visibleAt = now + (input.VisibilityTimeout ?? defaultVisibility) * 1000;
      }
      return {
        Messages: visible.map((m) => ({
          MessageId: m.message.messageId,
          ReceiptHandle: m.receiptHandle,
          Body: m.message.body,
          MD5OfBody: md5(m.message.body),
          Attributes: { ApproximateReceiveCount: String(m.receiveCount) },
        })),
      };
    },
    DeleteMessage(input) {
      const found = byHandle(input.ReceiptHandle);
      if (found) queue.splice(queue.indexOf(found), 1);
      return {};
    },
    GetQueueAttributes() {
      // Waiting: visible now or delayed (never received); in-flight messages are not counted, as on SQS.
      const now = clock();
      const waiting = queue.filter((m) => m.receiveCount === 0 || m.visibleAt <= now).length + state.waiting;
      return { Attributes: { ApproximateNumberOfMessages: String(waiting), ApproximateNumberOfMessagesDelayed: '0' } };
    },
    ChangeMessageVisibility(input) {
      const visibilityTimeout = input.VisibilityTimeout ?? -1;
      visibilityChanges.push({ receiptHandle: input.ReceiptHandle ?? '', visibilityTimeout });
      const found = byHandle(input.ReceiptHandle);
      if (found) found.visibleAt = clock() + visibilityTimeout * 1000;
      return {};
    },
  };
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const action = String(req.headers['x-amz-target'] ?? '').replace(/^AmazonSQS\./, '');
      const operation = operations[action];
      calls[action] = (calls[action] ?? 0) + 1;
      if (!operation) {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(
          JSON.stringify({ __type: 'com.amazonaws.sqs#UnsupportedOperation', message: req.headers['x-amz-target'] }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(operation(raw ? (JSON.parse(raw) as Input) : {})));
    });
  });
  const { endpoint, close } = await listenLocally(server);
  return {
    endpoint,
    queueUrl: `${endpoint}/123456789012/send-queue`,
    messages,
    calls,
    state,
    visibilityChanges,
    stored: () => queue.length,
    remove: (receiptHandle) => operations.DeleteMessage?.({ ReceiptHandle: receiptHandle }),
    receiveEvents: (max = 10) => {
      const out = operations.ReceiveMessage?.({ MaxNumberOfMessages: max, VisibilityTimeout: 300 }) as {
        Messages: { MessageId: string; ReceiptHandle: string; Body: string; Attributes: Record<string, string> }[];
      };
      return out.Messages.map((m) => ({
        Records: [
          {
            messageId: m.MessageId,
            receiptHandle: m.ReceiptHandle,
            body: m.Body,
            attributes: { ApproximateReceiveCount: m.Attributes.ApproximateReceiveCount ?? '1' },
          },
        ],
      }));
    },
    close,
  };
}
