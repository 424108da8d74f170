// Where a handler's module initialisation goes beyond its SDK-only baseline: each row adds one part of what every
// handler loads at cold start to a module that constructs the DynamoDB document client, and times `await import()`
// in fresh processes, alternated with the base. Run with `npm run bench:init-parts`.
import { bundleSource } from './bundles.ts';
import { initTime } from './cold-start.ts';
import { median, round } from './stats.ts';

const BASE = [
  "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
  "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
  'export const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));',
].join('\n');

const PARTS: Record<string, string> = {
  'zod/mini module': "import * as z from 'zod/mini';\nexport const s = z.string().parse('x');",
  'config schema and parse':
    "import { loadConfig } from './functions/app/config.ts';\nexport const c = loadConfig(process.env);",
  'config + secrets (HKDF)': [
    "import { loadConfig } from './functions/app/config.ts';",
    "import { loadSecrets } from './functions/adapters/secrets.ts';",
    'export const s = await loadSecrets(loadConfig(process.env));',
  ].join('\n'),
  'an event schema (z.object)': [
    "import * as z from 'zod/mini';",
    'const s = z.object({ a: z.string(), b: z.optional(z.array(z.object({ c: z.number() }))) });',
    "export const r = s.safeParse({ a: 'x', b: [{ c: 1 }] });",
  ].join('\n'),
  'Powertools Logger': "import { Logger } from '@aws-lambda-powertools/logger';\nexport const l = new Logger();",
  'count metrics (EMF)':
    "import { EmfMetrics } from './functions/adapters/emf/metrics.ts';\nexport const m = new EmfMetrics();",
  'middy core': "import middy from '@middy/core';\nexport const h = middy().handler(async () => 1);",
  'message catalogues': "import { t } from './templates/i18n.ts';\nexport const m = t('be', 'brand');",
  // Bundled but evaluated on the first message only (what the receiving function carries at cold start).
  'postal-mime, not yet used':
    "import { readInboundMail } from './functions/adapters/mime-mail.ts';\nexport const r = readInboundMail;",
};

const samples = Number(process.argv[2] ?? 11);
const base = await bundleSource('parts-base', BASE);
const variants = await Promise.all(
  Object.entries(PARTS).map(async ([name, code], i) => ({
    name,
    bundle: await bundleSource(`parts-${i}`, `${BASE}\n${code}`),
  })),
);
console.log(`part${' '.repeat(26)}extra KB   extra init (median of ${samples}, ms)`);
for (const v of variants) {
  const times = { base: [] as number[], part: [] as number[] };
  for (let i = 0; i < samples; i++) {
    times.base.push(await initTime(base.file));
    times.part.push(await initTime(v.bundle.file));
  }
  const extraKb = round((v.bundle.bytes - base.bytes) / 1024, 1);
  console.log(
    `${v.name.padEnd(30)}${String(extraKb).padStart(8)}   ${round(median(times.part) - median(times.base), 1)}`,
  );
}
