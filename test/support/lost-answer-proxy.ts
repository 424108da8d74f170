import { createServer, request, type Server } from 'node:http';
import { listenLocally } from './listen.ts';

/** A proxy in front of the DynamoDB stand-in that loses the answer to the first attempt of each conditional write. */
export interface LostAnswerProxy {
  readonly endpoint: string;
  /** Conditional writes applied upstream whose answer was dropped, by operation (`PutItem`, `UpdateItem`...). */
  readonly dropped: Record<string, number>;
  /** Every request forwarded, as `Operation PREFIX#` (the partition key's kind, when the request names one). */
  readonly calls: string[];
  /** The partition key (`:pk`) of every Query forwarded: which partitions were read, and how often. */
  readonly queries: string[];
  close(): Promise<void>;
}

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);

/**
 * Forwards every request to `target`. A PutItem, UpdateItem or DeleteItem with a ConditionExpression (with
 * `writes: 'all'`, any of them) is applied
 * upstream, and then, on its first attempt (the SDK's `amz-sdk-invocation-id` seen for the first time), the
 * connection is destroyed before the answer: the SDK sees a reset socket and retries a write that already happened.
 * With `writes: 'none'` nothing is dropped: the proxy only records the calls.
 */
export async function startLostAnswerProxy(
  target: string,
  options: { writes?: 'conditional' | 'all' | 'none' } = {},
): Promise<LostAnswerProxy> {
  const upstream = new URL(target);
  const seen = new Set<string>();
  const dropped: Record<string, number> = {};
  const calls: string[] = [];
  const queries: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const invocation = String(req.headers['amz-sdk-invocation-id'] ?? '');
      let droppable = false;
      calls.push(`${operation} ${partitionKind(raw)}`.trim());
      if (operation === 'Query') queries.push(queriedPartition(raw));
      if (WRITES.has(operation) && options.writes !== 'none') {
        try {
          const body = JSON.parse(raw.toString('utf8')) as { ConditionExpression?: unknown };
          droppable = options.writes === 'all' || typeof body.ConditionExpression === 'string';
        } catch {
          droppable = false;
        }
      }
      const drop = droppable && invocation !== '' && !seen.has(invocation);
      if (invocation) seen.add(invocation);
      const forward = request(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
        (up) => {
          const body: Buffer[] = [];
          up.on('data', (c: Buffer) => body.push(c));
          up.on('end', () => {
            if (drop) {
              dropped[operation] = (dropped[operation] ?? 0) + 1;
              req.socket.destroy();
              return;
            }
            res.writeHead(up.statusCode ?? 502, up.headers);
            res.end(Buffer.concat(body));
          });
        },
      );
      forward.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      forward.end(raw);
    });
  });
  const { endpoint, close } = await listenLocally(server);
  return { endpoint, dropped, calls, queries, close };
}

/** The kind of item a request's key or item names (`SUB#`, `MAILBOX#`...), or '' when it names none. */
function partitionKind(raw: Buffer): string {
  try {
    const body = JSON.parse(raw.toString('utf8')) as { Key?: { pk?: { S?: string } }; Item?: { pk?: { S?: string } } };
    const pk = body.Key?.pk?.S ?? body.Item?.pk?.S ?? '';
    return pk.includes('#') ? pk.slice(0, pk.indexOf('#') + 1) : '';
  } catch {
    return '';
  }
}

/** The partition a Query names as `:pk`, or '' when it names none. */
function queriedPartition(raw: Buffer): string {
  try {
    const body = JSON.parse(raw.toString('utf8')) as { ExpressionAttributeValues?: { ':pk'?: { S?: string } } };
    return body.ExpressionAttributeValues?.[':pk']?.S ?? '';
  } catch {
    return '';
  }
}
