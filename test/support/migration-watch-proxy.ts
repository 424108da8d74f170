import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { type StandIn, startDynalite } from '../../local/stand-ins.ts';
import { listenLocally } from './listen.ts';
import { useLocalStack } from './local.ts';

/**
 * What a watch knows of one migration of the readers' items: which UpdateItem is the migration's write (one without
 * ReturnValues, so never a send's claim), and what form a reader's item has in an answer, `before` the migration or
 * after it (the item in DynamoDB's JSON, as the answer carries it).
 */
export interface MigrationShape<Form extends string> {
  readonly isMigrationWrite: (updateExpression: string) => boolean;
  readonly formOf: (item: Record<string, unknown>) => Form | undefined;
  readonly before: Form;
}

/** `migrate encrypt-addresses`: it removes `email` and stores the sealed `address`. */
export const SEALING: MigrationShape<'clear' | 'sealed'> = {
  isMigrationWrite: (expression) => /\bREMOVE\b.*\bemail\b/.test(expression),
  formOf: (item) => (item.email !== undefined ? 'clear' : item.address !== undefined ? 'sealed' : undefined),
  before: 'clear',
};

/** `migrate trim-consent`: it replaces the consent record by one without user agents and whole-address hashes. */
export const CONSENT_TRIMMING: MigrationShape<'old' | 'trimmed'> = {
  isMigrationWrite: (expression) => /^SET consent = :consent$/.test(expression),
  formOf: (item) =>
    item.consent === undefined
      ? undefined
      : /"(userAgent|ipHash)"/.test(JSON.stringify(item.consent))
        ? 'old'
        : 'trimmed',
  before: 'old',
};

/**
 * A proxy in front of the DynamoDB stand-in that watches a send and a migration meet. It records, in the order their
 * answers came back, the send's reads of readers (a GetItem of a `SUB#` item, or a write on one that answers with the
 * item, as a claim does) with the form the item had, and the migration's writes (stored). `holdReadsUntilWriteAhead`
 * pauses the send's reads until the migration has migrated a reader the send has not read yet, so that the send is
 * certain to read a migrated record too.
 */
export interface MigrationWatch<Form extends string> {
  readonly endpoint: string;
  /** The send's reads of readers, in order. */
  readonly reads: readonly { id: string; form: Form }[];
  /** The readers the migration wrote, in order; `afterReads` is how many reads had come back before each write. */
  readonly writes: readonly { id: string; afterReads: number }[];
  /** Resolves once the send has read a reader in the form before the migration. */
  readonly firstReadBefore: Promise<void>;
  /** From now on, the send's reads wait until a reader it has not read yet is migrated; resolves then. */
  holdReadsUntilWriteAhead(): Promise<void>;
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

/** The reader id a call reads (`read`) or migrates (`write`), if it does either. */
function classify(call: Call, shape: MigrationShape<string>): { kind: 'read' | 'write'; id: string } | undefined {
  const pk = call.body.Key?.pk?.S ?? '';
  if (!pk.startsWith(SUB)) return undefined;
  const id = pk.slice(SUB.length);
  if (call.operation === 'GetItem') return { kind: 'read', id };
  if (call.operation !== 'UpdateItem') return undefined;
  if (call.body.ReturnValues !== undefined && call.body.ReturnValues !== 'NONE') return { kind: 'read', id };
  return shape.isMigrationWrite(call.body.UpdateExpression ?? '') ? { kind: 'write', id } : undefined;
}

/** The form of the reader in an answer's item, or undefined when the answer holds no reader. */
function formOf<Form extends string>(answer: Buffer, shape: MigrationShape<Form>): Form | undefined {
  try {
    const out = JSON.parse(answer.toString('utf8')) as { Item?: Record<string, unknown>; Attributes?: typeof out.Item };
    const item = out.Item ?? out.Attributes;
    if (!item) return undefined;
    return shape.formOf(item);
  } catch {
    return undefined;
  }
}

/** Starts a watch of `shape`'s migration in front of `target` (a DynamoDB endpoint). */
export async function startMigrationWatch<Form extends string>(
  target: string,
  shape: MigrationShape<Form>,
): Promise<MigrationWatch<Form>> {
  const upstream = new URL(target);
  const reads: { id: string; form: Form }[] = [];
  const writes: { id: string; afterReads: number }[] = [];
  const readIds = new Set<string>();
  let held: (() => void)[] | undefined;
  let wroteAhead: () => void = () => {};
  let readBefore: () => void = () => {};
  const firstReadBefore = new Promise<void>((resolve) => {
    readBefore = resolve;
  });
  const release = () => {
    const waiting = held ?? [];
    held = undefined;
    wroteAhead();
    for (const go of waiting) go();
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const seen = classify(callOf(req, raw), shape);
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
              const form = ok && seen?.kind === 'read' ? formOf(whole, shape) : undefined;
              if (seen && form) reads.push({ id: seen.id, form });
              if (form === shape.before) readBefore();
              if (ok && seen?.kind === 'write') {
                writes.push({ id: seen.id, afterReads: reads.length });
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
    writes,
    firstReadBefore,
    holdReadsUntilWriteAhead: () =>
      new Promise<void>((resolve) => {
        held = [];
        wroteAhead = resolve;
      }),
    close,
  };
}

/**
 * For a test file: a local stack whose DynamoDB calls pass a watch of `shape`'s migration in front of a dynalite of its
 * own. Call it where `useLocalStack` would be called.
 */
export function useStackBehindMigrationWatch<Form extends string>(shape: MigrationShape<Form>) {
  let dynamo: StandIn | undefined;
  let watch: MigrationWatch<Form> | undefined;
  // Registered before the stack's own hook, so the stack finds AWS_ENDPOINT_URL_DYNAMODB set and uses the watch.
  beforeAll(async () => {
    dynamo = await startDynalite();
    watch = await startMigrationWatch(dynamo.endpoint, shape);
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
    get watch(): MigrationWatch<Form> {
      if (!watch) throw new Error('the watch starts in beforeAll');
      return watch;
    },
  };
}
