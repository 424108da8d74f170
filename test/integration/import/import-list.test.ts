import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDeliveryStore } from '../../../functions/adapters/dynamo/delivery-store.ts';
import { DynamoImportLedger } from '../../../functions/adapters/dynamo/import-ledger.ts';
import { DynamoImportReads } from '../../../functions/adapters/dynamo/import-reads.ts';
import { DynamoReaderCounts } from '../../../functions/adapters/dynamo/reader-counts.ts';
import { DynamoRepermissionQueue } from '../../../functions/adapters/dynamo/repermission-queue.ts';
import { DynamoSubscriberStore } from '../../../functions/adapters/dynamo/subscriber-store.ts';
import { DynamoSuppressions } from '../../../functions/adapters/dynamo/suppressions.ts';
import type { ImportListDeps } from '../../../functions/app/import-list/apply-rows.ts';
import { type ImportRequest, importList } from '../../../functions/app/import-list/import-list.ts';
import type { ImportRow } from '../../../functions/app/import-list/row.ts';
import { subscriberIdFor } from '../../../functions/core/identity.ts';
import type { SealedAddress } from '../../../functions/core/sealed-address.ts';
import { addressOf, testCipher } from '../../support/address-cipher.ts';
import { type TestTable, useDynamo } from '../../support/dynamo.ts';
import { MemoryLog } from '../../support/memory/log.ts';

const dynamo = useDynamo();
const idKey = Buffer.alloc(32, 3);
const NOW = Date.UTC(2026, 11, 7, 12);
const idOf = (email: string) => subscriberIdFor(idKey, email.toLowerCase());

function depsOn(t: TestTable): ImportListDeps & { store: DynamoSubscriberStore } {
  const store = new DynamoSubscriberStore(t.db, t.tableName, 4);
  return {
    store,
    suppressions: new DynamoSuppressions(t.db, t.tableName),
    ledger: new DynamoImportLedger(t.db, t.tableName),
    reads: new DynamoImportReads(t.db, t.tableName, store),
    repermissions: new DynamoRepermissionQueue(t.db, t.tableName),
    cipher: testCipher,
    idKey,
    now: () => NOW,
    log: new MemoryLog(),
  };
}

function request(sha: string, more: Partial<ImportRequest> = {}): ImportRequest {
  return {
    file: { name: `${sha}.csv`, sha256: sha.padEnd(64, '0'), size: 100 },
    format: 'mailchimp',
    options: {},
    by: 'arn:aws:iam::123456789012:user/data',
    chunkCount: 1,
    ...more,
  };
}

async function* rowsOf(rows: readonly ImportRow[], stopAfter = Number.POSITIVE_INFINITY): AsyncGenerator<ImportRow> {
  let n = 0;
  for (const row of rows) {
    if (n++ >= stopAfter) throw new Error('connection lost');
    yield row;
  }
}

async function scan(t: TestTable): Promise<Record<string, unknown>[]> {
  const out = await t.db.send(new ScanCommand({ TableName: t.tableName, ConsistentRead: true }));
  return (out.Items ?? []).sort((a, b) => `${a.pk}${a.sk}`.localeCompare(`${b.pk}${b.sk}`));
}
/** The table without the attempt ids (each write's own random id). */
const content = async (t: TestTable) => JSON.stringify((await scan(t)).map(({ writeId: _w, ...rest }) => rest));

const FILE: ImportRow[] = [
  {
    line: 2,
    kind: 'confirmed',
    email: 'Anna@Example.org',
    language: 'be',
    optInAt: '2021-03-04 10:12:00',
    confirmedAt: '2021-03-04 10:15:00',
  },
  { line: 3, kind: 'confirmed', email: 'boris@example.org', language: 'ru' },
  { line: 4, kind: 'suppressed', email: 'gone@example.org', reason: 'unsubscribed' },
  { line: 5, kind: 'repermission', email: 'maybe@example.org', language: 'en' },
  { line: 6, kind: 'problem', code: 'invalid_address', reason: 'invalid address' },
  { line: 7, kind: 'confirmed', email: 'cleaned@example.org', language: 'en' },
];

describe('importing rows', () => {
  it('stores confirmed readers sealed, with the import as consent, suppressions and re-permission requests; counted', async () => {
    const t = await dynamo.fresh();
    const deps = depsOn(t);
    const done = await importList(deps, request('a'), rowsOf(FILE));
    expect(done).toMatchObject({
      done: true,
      lastLine: 7,
      problemCount: 1,
      problems: [{ line: 6, code: 'invalid_address', reason: 'invalid address' }],
    });
    expect(done.tally).toEqual({
      confirmed: { be: 1, ru: 1, en: 1 },
      suppressed: { none: 1 },
      repermission: { en: 1 },
      problem: { none: 1 },
    });
    const anna = await deps.store.get(idOf('anna@example.org'));
    expect(anna).toMatchObject({ status: 'confirmed', language: 'be', confirmedAt: Date.UTC(2021, 2, 4, 10, 15) });
    expect(addressOf(anna)).toBe('Anna@example.org');
    expect(anna?.consent).toEqual({
      requestedAt: Date.UTC(2021, 2, 4, 10, 12),
      confirmedAt: Date.UTC(2021, 2, 4, 10, 15),
      language: 'be',
      source: 'import:mailchimp',
      textVersion: 'import:mailchimp',
      import: {
        format: 'mailchimp',
        file: 'a.csv',
        sha256: 'a'.padEnd(64, '0'),
        by: 'arn:aws:iam::123456789012:user/data',
        optInAt: '2021-03-04 10:12:00',
        confirmedAt: '2021-03-04 10:15:00',
      },
    });
    expect(await deps.store.get(idOf('gone@example.org'))).toBeUndefined();
    expect(await deps.suppressions.suppressionOf(idOf('gone@example.org'))).toMatchObject({ reason: 'unsubscribed' });
    expect(await deps.store.get(idOf('maybe@example.org'))).toMatchObject({
      status: 'pending',
      expiresAt: NOW + 30 * 86_400_000,
    });
    const cells = await new DynamoReaderCounts(t.db, t.tableName).cells();
    expect(Object.fromEntries(Object.entries(cells).filter(([, n]) => n !== 0))).toEqual({
      'be#confirmed': 1,
      'ru#confirmed': 1,
      'en#confirmed': 1,
      'en#pending#2027-01-06': 1,
    });
    const table = JSON.stringify(await scan(t));
    for (const email of ['anna@example.org', 'Anna@', 'boris@', 'gone@', 'maybe@', 'cleaned@'])
      expect(table).not.toContain(email);
  });

  it('never confirms a suppressed address, from the same file again or from another one', async () => {
    const t = await dynamo.fresh();
    const deps = depsOn(t);
    await importList(deps, request('a'), rowsOf(FILE));
    // Another file lists an imported reader as cleaned: the suppression wins, the import's reader is unsubscribed.
    const cleaned: ImportRow[] = [{ line: 2, kind: 'suppressed', email: 'cleaned@example.org', reason: 'cleaned' }];
    expect((await importList(deps, request('b'), rowsOf(cleaned))).tally).toEqual({ suppressed: { none: 1 } });
    expect(await deps.store.get(idOf('cleaned@example.org'))).toMatchObject({ status: 'unsubscribed' });
    const again = await content(t);
    expect((await importList(deps, request('a'), rowsOf(FILE))).tally).toMatchObject({ suppressed: { none: 1 } });
    expect(await content(t)).toBe(again);
    const other = await importList(
      deps,
      request('c'),
      rowsOf([
        { line: 2, kind: 'confirmed', email: 'gone@example.org', language: 'en' },
        { line: 3, kind: 'repermission', email: 'GONE@example.org', language: 'en' },
        { line: 4, kind: 'confirmed', email: 'cleaned@example.org', language: 'en' },
      ]),
    );
    expect(other.tally).toEqual({ suppressed: { none: 2 }, problem: { none: 1 } });
    expect(other.problems).toEqual([
      { line: 3, code: 'duplicate_in_file', reason: 'same address as line 2', firstLine: 2 },
    ]);
    expect(await deps.store.get(idOf('gone@example.org'))).toBeUndefined();
    expect(await deps.store.get(idOf('cleaned@example.org'))).toMatchObject({ status: 'unsubscribed' });
  });

  it('keeps an address confirmed here as it is; its language changes only with updateLanguage', async () => {
    const t = await dynamo.fresh();
    const deps = depsOn(t);
    await importList(deps, request('a'), rowsOf(FILE));
    const before = await deps.store.get(idOf('boris@example.org'));
    const row: ImportRow[] = [{ line: 2, kind: 'confirmed', email: 'boris@example.org', language: 'en' }];
    expect((await importList(deps, request('b'), rowsOf(row))).tally).toEqual({ alreadyConfirmed: { ru: 1 } });
    expect(await deps.store.get(idOf('boris@example.org'))).toEqual(before);
    const moved = await importList(deps, request('c', { updateLanguage: true }), rowsOf(row));
    expect(moved.tally).toEqual({ alreadyConfirmed: { en: 1 } });
    expect(await deps.store.get(idOf('boris@example.org'))).toMatchObject({ language: 'en', consent: before?.consent });
  });

  it("applies a row whose reader a send claimed after the group's read (the claim moves the version on)", async () => {
    const t = await dynamo.fresh();
    const deps = depsOn(t);
    await importList(deps, request('a'), rowsOf(FILE));
    const boris = idOf('boris@example.org');
    const deliveries = new DynamoDeliveryStore(t.db, t.tableName, 4);
    let claimed = false;
    const reads: ImportListDeps['reads'] = {
      heldFor: async (importId, ids) => {
        const held = await deps.reads.heldFor(importId, ids);
        if (!claimed && ids.includes(boris))
          claimed = (await deliveries.claim('2026-W49', boris, 'ru', NOW, NOW - 1)).kind === 'claimed';
        return held;
      },
    };
    const row: ImportRow[] = [{ line: 2, kind: 'confirmed', email: 'boris@example.org', language: 'en' }];
    const moved = await importList({ ...deps, reads }, request('c', { updateLanguage: true }), rowsOf(row));
    expect(claimed).toBe(true);
    expect(moved.tally).toEqual({ alreadyConfirmed: { en: 1 } });
    expect(await deps.store.get(boris)).toMatchObject({ language: 'en' });
    expect(await deliveries.claim('2026-W49', boris, 'ru', NOW + 1, NOW - 1)).toEqual({ kind: 'held' });
  });

  it('changes nothing when run again, and resumes an interrupted import to the same end', async () => {
    const whole = await dynamo.fresh();
    const first = await importList(depsOn(whole), request('a'), rowsOf(FILE));
    const after = await content(whole);
    expect(await importList(depsOn(whole), request('a'), rowsOf(FILE))).toEqual(first);
    expect(await content(whole)).toBe(after);

    const cut = await dynamo.fresh();
    const deps = { ...depsOn(cut), now: () => NOW };
    for (const stop of [3, 5]) {
      await expect(importList(deps, request('a'), rowsOf(FILE, stop))).rejects.toThrow('connection lost');
    }
    const resumed = await importList(deps, request('a'), rowsOf(FILE));
    expect({ ...resumed, version: 0 }).toEqual({ ...first, version: 0 });
    // The same items, but the import's record (its own times) and the sealed addresses' random IVs.
    const subscribers = async (t: TestTable) =>
      (await scan(t))
        .filter((i) => i.sk !== 'IMPORT')
        .map(({ writeId: _w, address, ...rest }) => ({
          ...rest,
          address: address && testCipher.open(address as SealedAddress, String(rest.id)),
        }));
    expect(await subscribers(cut)).toEqual(await subscribers(whole));
  });

  it('answers a dry run per outcome and language, writing nothing', async () => {
    const t = await dynamo.fresh();
    const deps = depsOn(t);
    await importList(deps, request('a'), rowsOf(FILE.slice(0, 3)));
    const before = await content(t);
    const dry = await importList(deps, request('b', { dryRun: true }), rowsOf(FILE));
    expect(dry.tally).toEqual({
      alreadyConfirmed: { be: 1, ru: 1 },
      suppressed: { none: 1 },
      repermission: { en: 1 },
      confirmed: { en: 1 },
      problem: { none: 1 },
    });
    expect(await content(t)).toBe(before);
  });
});
