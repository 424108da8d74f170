import { createServer, request, type Server } from 'node:http';
import { listenLocally } from '../test/support/listen.ts';

/** What the reads through the proxy cost since the last `take`: calls, items returned and read units (DynamoDB's). */
export interface ReadCount {
  readonly calls: number;
  readonly items: number;
  /** Read units as DynamoDB charges them (dynalite's ConsumedCapacity: 4 KB steps, half for eventual reads). */
  readonly units: number;
  /** Of `units`, those consumed on a secondary index. */
  readonly indexUnits: number;
  /** Writes forwarded (PutItem, UpdateItem, DeleteItem, BatchWriteItem), counted as calls. */
  readonly writes: number;
}

/** A proxy in front of dynalite that asks every read for its consumed capacity and adds up what reads cost. */
export interface ReadCounter {
  readonly endpoint: string;
  /** The count so far, and starts a new one. */
  take(): ReadCount;
  close(): Promise<void>;
}

const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

interface Capacity {
  CapacityUnits?: number;
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
}
interface ReadAnswer {
  Count?: number;
  Item?: unknown;
  Responses?: Record<string, unknown[]> | unknown[];
  ConsumedCapacity?: Capacity | Capacity[];
}

function itemsOf(answer: ReadAnswer): number {
  if (typeof answer.Count === 'number') return answer.Count;
  if (answer.Item) return 1;
  const r = answer.Responses;
  if (Array.isArray(r)) return r.length;
  return r ? Object.values(r).reduce((a, list) => a + list.length, 0) : 0;
}

/** Starts the proxy on 127.0.0.1 in front of `target` (dynalite does not check request signatures). */
export async function startReadCounter(target: string): Promise<ReadCounter> {
  const upstream = new URL(target);
  let count = { calls: 0, items: 0, units: 0, indexUnits: 0, writes: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let raw = Buffer.concat(chunks);
      const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const read = READS.has(operation);
      if (WRITES.has(operation)) count.writes++;
      if (read) {
        const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
        raw = Buffer.from(JSON.stringify({ ...body, ReturnConsumedCapacity: 'INDEXES' }));
      }
      const headers = { ...req.headers, 'content-length': String(raw.length) };
      const forward = request(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers },
        (up) => {
          const body: Buffer[] = [];
          up.on('data', (c: Buffer) => body.push(c));
          up.on('end', () => {
            const answer = Buffer.concat(body);
            if (read && up.statusCode === 200) tally(JSON.parse(answer.toString('utf8')) as ReadAnswer);
            res.writeHead(up.statusCode ?? 502, { ...up.headers, 'content-length': String(answer.length) });
            res.end(answer);
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
  const tally = (answer: ReadAnswer) => {
    count.calls++;
    count.items += itemsOf(answer);
    const capacities = [answer.ConsumedCapacity ?? []].flat();
    for (const c of capacities) {
      count.units += c.CapacityUnits ?? 0;
      for (const i of Object.values(c.GlobalSecondaryIndexes ?? {})) count.indexUnits += i.CapacityUnits ?? 0;
    }
  };
  const { endpoint, close } = await listenLocally(server);
  return {
    endpoint,
    take() {
      const taken = count;
      count = { calls: 0, items: 0, units: 0, indexUnits: 0, writes: 0 };
      return taken;
    },
    close,
  };
}
