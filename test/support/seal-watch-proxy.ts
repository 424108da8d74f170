import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { type StandIn, startDynalite } from '../../local/stand-ins.ts';
import { listenLocally } from './listen.ts';
import { useLocalStack } from './local.ts';

/** How a reader's item looked to the send when it read it: the address still in clear, or sealed. */
export type ReadForm = 'clear' | 'sealed';

/**
 * A proxy in front of the DynamoDB stand-in that watches a send and `migrate encrypt-addresses` meet. It records, in
 * the order their answers came back, the send's reads of readers (a GetItem of a `SUB#` item, or a write on one that
 * answers with the item, as a claim does) with the form the address had, and the migration's seals (an UpdateItem
 * of a `SUB#` item removing `email`, stored). `holdReadsUntilSealAhead` pauses the send's reads until the migration
 * has sealed a reader the send has not read yet, so that the send is certain to read a sealed record too.
 */
export interface SealWatch {
  readonly endpoint: string;
  /** The send's reads of readers, in order. */
  readonly reads: readonly { id: string; form: ReadForm }[];
  /** The readers the migration sealed, in order; `afterReads` is how many reads had come back before each seal. */
  readonly seals: readonly { id: string; afterReads: number }[];
  /** Resolves once the send has read a reader in clear. */
  readonly firstClearRead: Promise<void>;
  /** From now on, the send's reads wait until a reader it has not read yet is sealed; resolves then. */
  holdReadsUntilSealAhead(): Promise<void>;
  close(): Promise<void>;
}

interface Call {
  readonly operation: string;
  readonly body: { Key?: { pk?: { S?: string } }; ReturnValues?: string; UpdateExpression?: string };
}

const SUB = 'SUB#';

function callOf(req: IncomingMessage, raw: Buffer): Call {
  const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
  if (operation !== 'GetItem' && operation !== 'UpdateItem') return { operation, body: {} };
  try {
    return { operation, body: JSON.parse(raw.toString('utf8')) as Call['body'] };
  } catch {
    return { operation, body: {} };
  }
}

/** The reader id a call reads (`read`) or seals (`seal`), if it does either. */
function classify(call: Call): { kind: 'read' | 'seal'; id: string } | undefined {
  const pk = call.body.Key?.pk?.S ?? '';
  if (!pk.startsWith(SUB)) return undefined;
  const id = pk.slice(SUB.length);
  if (call.operation === 'GetItem') return { kind: 'read', id };
  if (call.operation !== 'UpdateItem') return undefined;
  if (call.body.ReturnValues !== undefined && call.body.ReturnValues !== 'NONE') return { kind: 'read', id };
  return /\bREMOVE\b.*\bemail\b/.test(call.body.UpdateExpression ?? '') ? { kind: 'seal', id } : undefined;
}

/** The form of the address in an answer's item, or undefined when the answer holds no reader. */
function formOf(answer: Buffer): ReadForm | undefined {
  try {
    const out = JSON.parse(answer.toString('utf8')) as { Item?: Record<string, unknown>; Attributes?: typeof out.Item };
    const item = out.Item ?? out.Attributes;
    if (!item) return undefined;
    return item.email !== undefined ? 'clear' : item.address !== undefined ? 'sealed' : undefined;
  } catch {
    return undefined;
  }
}

/** Starts the watch in front of `target` (a DynamoDB endpoint). */
export async function startSealWatch(target: string): Promise<SealWatch> {
  const upstream = new URL(target);
  const reads: { id: string; form: ReadForm }[] = [];
  const seals: { id: string; afterReads: number }[] = [];
  const readIds = new Set<string>();
  let held: (() => void)[] | undefined;
  let sealedAhead: () => void = () => {};
  let clearRead: () => void = () => {};
  const firstClearRead = new Promise<void>((resolve) => {
    clearRead = resolve;
  });
  const release = () => {
    const waiting = held ?? [];
    held = undefined;
    sealedAhead();
    for (const go of waiting) go();
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const seen = classify(callOf(req, raw));
      const forward = () => {
        if (seen?.kind === 'read') readIds.add(seen.id);
        const up = request(
          { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
          (answer) => {
            const body: Buffer[] = [];
            answer.on('data', (c: Buffer) => body.push(c));
            answer.on('end', () => {
              const whole = Buffer.concat(body);
              const ok = answer.statusCode === 200;
              const form = ok && seen?.kind === 'read' ? formOf(whole) : undefined;
              if (seen && form) reads.push({ id: seen.id, form });
              if (form === 'clear') clearRead();
              if (ok && seen?.kind === 'seal') {
                seals.push({ id: seen.id, afterReads: reads.length });
                if (held && !readIds.has(seen.id)) release();
              }
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              res.end(whole);
            });
          },
        );
        up.on('error', () => {
          res.writeHead(502);
          res.end();
        });
        up.end(raw);
      };
      if (seen?.kind === 'read' && held) held.push(forward);
      else forward();
    });
  });
  const { endpoint, close } = await listenLocally(server);
  return {
    endpoint,
    reads,
    seals,
    firstClearRead,
    holdReadsUntilSealAhead: () =>
      new Promise<void>((resolve) => {
        held = [];
        sealedAhead = resolve;
      }),
    close,
  };
}

/**
 * For a test file: a local stack whose DynamoDB calls pass a seal watch in front of a dynalite of its own. Call it
 * where `useLocalStack` would be called.
 */
export function useStackBehindSealWatch() {
  let dynamo: StandIn | undefined;
  let watch: SealWatch | undefined;
  // Registered before the stack's own hook, so the stack finds AWS_ENDPOINT_URL_DYNAMODB set and uses the watch.
  beforeAll(async () => {
    dynamo = await startDynalite();
    watch = await startSealWatch(dynamo.endpoint);
    process.env.AWS_ENDPOINT_URL_DYNAMODB = watch.endpoint;
  });
  // Registered first, so it runs last: the stack settles while the watch and dynalite still answer.
  afterAll(async () => {
    await watch?.close();
    await dynamo?.close();
  });
  const stack = useLocalStack();
  return {
    stack,
    get watch(): SealWatch {
      if (!watch) throw new Error('the watch starts in beforeAll');
      return watch;
    },
  };
}
