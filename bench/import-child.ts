import { randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../functions/adapters/dynamo/client.ts';
import { IS_NEW } from '../functions/adapters/dynamo/conditional-write.ts';
import { keys } from '../functions/adapters/dynamo/keys.ts';
import { DynamoReaderCounts } from '../functions/adapters/dynamo/reader-counts.ts';
import { TABLE } from '../functions/adapters/dynamo/table.ts';
import { startLocalStack } from '../local/stack.ts';
import { serveParent } from './child.ts';
import { rowKind } from './import-file.ts';
import { scanImport } from './import-scan.ts';
import { eachLimited } from './stats.ts';

// The process that handles the import: the local runner (real admin handler) against the stand-ins of another
// process (BENCH_DYNAMO, BENCH_SES), so its memory is the import's, not the in-memory table's.
const stack = await startLocalStack({
  dynamoEndpoint: process.env.BENCH_DYNAMO as string,
  sesEndpoint: process.env.BENCH_SES as string,
  // Re-permission mails go out within the requests (1 row in 100): not held back by the digest's pacing here.
  env: { POWERTOOLS_LOG_LEVEL: 'ERROR', DELIVER_SEND_RATE: '1000' },
});
const db = createDocumentClient();
const table = stack.env.TABLE_NAME as string;
const counts = new DynamoReaderCounts(db, table);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
/** Memory while the import runs: sampled every 20 ms (heap not collected: an upper bound), and after collections. */
const mem = { baseHeap: 0, baseRss: 0, peakHeap: 0, peakRss: 0, retained: [] as number[] };
setInterval(() => {
  const m = process.memoryUsage();
  mem.peakHeap = Math.max(mem.peakHeap, m.heapUsed);
  mem.peakRss = Math.max(mem.peakRss, m.rss);
}, 20).unref();

const NEVER = 999_999_999_999_999;
const put = (Item: Record<string, unknown>) =>
  db.send(new PutCommand({ TableName: table, Item, ConditionExpression: IS_NEW.expression }));

/**
 * The floor for rows [from, to): the conditional writes the import strictly needs, nothing else, `parallel` rows at
 * once (as the import applies them): a reader's record created only if absent, as large as a sealed one, and its
 * counter moved (one conditional UpdateItem); a re-permission's step besides; a suppression's record. No read, no
 * mark, no parse, no HTTP.
 */
async function floor(tag: string, from: number, to: number, parallel: number): Promise<number> {
  const rows = Array.from({ length: to - from }, (_, k) => from + k).filter((i) => rowKind(i) !== 'problem');
  const start = performance.now();
  await eachLimited(rows, parallel, async (i) => {
    const id = `${tag}${i}`;
    const kind = rowKind(i);
    if (kind === 'suppressed')
      return void (await put({ ...keys.suppression(id), kind: 'suppression', reason: 'unsubscribed', at: 1 }));
    const status = kind === 'confirmed' ? 'confirmed' : 'pending';
    const index =
      status === 'confirmed'
        ? { [TABLE.sendingIndex.partitionKey]: `en#${i % 8}`, [TABLE.sendingIndex.sortKey]: id }
        : {};
    const address = randomBytes(84).toString('base64');
    await put({ ...keys.subscriber(id), kind: 'subscriber', id, status, address, ...index });
    await counts.move(id, `${id}@1`, { [`floor#${status}`]: 1 });
    if (kind === 'repermission')
      // Due never (the import's requests run the due steps: these are not readers of theirs).
      await put({ ...keys.repermission(NEVER, id, 'mail'), kind: 'repermission', subscriberId: id, step: 'mail' });
  });
  return performance.now() - start;
}

serveParent(async (m) => {
  if (m.type === 'floor') return floor(String(m.tag), Number(m.from), Number(m.to), Number(m.parallel));
  if (m.type === 'mem-start') {
    gc();
    const u = process.memoryUsage();
    Object.assign(mem, { baseHeap: u.heapUsed, baseRss: u.rss, peakHeap: u.heapUsed, peakRss: u.rss, retained: [] });
    return null;
  }
  // Between chunks (outside the timed requests): the heap a full collection leaves, over the level before.
  if (m.type === 'mem-retained') {
    gc();
    mem.retained.push(process.memoryUsage().heapUsed - mem.baseHeap);
    return null;
  }
  if (m.type === 'mem-take') return { ...mem };
  if (m.type === 'cpu') return process.cpuUsage();
  if (m.type === 'scan') return scanImport(db, table, String(m.sha256), String(m.tag));
  throw new Error(`unknown request ${m.type}`);
});
process.send?.({
  type: 'ready',
  value: {
    apiUrl: stack.apiUrl,
    region: stack.env.AWS_REGION,
    accessKeyId: stack.env.AWS_ACCESS_KEY_ID,
    secretAccessKey: stack.env.AWS_SECRET_ACCESS_KEY,
  },
});
