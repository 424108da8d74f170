import { describe, expect, it } from 'vitest';
import { IS_NEW, putIf, sameVersion, updateIf } from '../../functions/adapters/dynamo/conditional-write.ts';
import { useDynamo } from '../support/dynamo.ts';

const dynamo = useDynamo();
const key = { pk: 'TEST#one', sk: 'ONE' };

describe('putIf and updateIf, the one conditional write', () => {
  it('creates once: the first put is written, the next is refused with the item as stored', async () => {
    const { db, tableName } = await dynamo.fresh();
    const first = await putIf(db, tableName, { ...key, value: 1 });
    expect(first).toMatchObject({ written: true, item: { ...key, value: 1 } });
    const second = await putIf(db, tableName, { ...key, value: 2 }, IS_NEW);
    expect(second).toMatchObject({ written: false, current: { ...key, value: 1 } });
  });

  it('tells its own create from another writer when the answer was lost', async () => {
    const { db, tableName, lostAnswers } = await dynamo.losingAnswers();
    const before = lostAnswers();
    expect((await putIf(db, tableName, { ...key, value: 1 })).written).toBe(true);
    expect((await putIf(db, tableName, { ...key, value: 2 })).written).toBe(false);
    expect(lostAnswers() - before).toBe(2);
  });

  it('writes a version only over the version it read', async () => {
    const { db, tableName } = await dynamo.fresh();
    expect((await putIf(db, tableName, { ...key, version: 1 }, sameVersion(0))).written).toBe(true);
    expect((await putIf(db, tableName, { ...key, version: 2 }, sameVersion(1))).written).toBe(true);
    expect((await putIf(db, tableName, { ...key, version: 2 }, sameVersion(1))).written).toBe(false);
  });

  it('applies an update once although the SDK sent it twice (its first answer lost): an ADD counts once', async () => {
    const { db, tableName, lostAnswers } = await dynamo.losingAnswers('all');
    const add = { add: ['#n :one'], names: { '#n': 'n' }, values: { ':one': 1 } };
    const before = lostAnswers();
    const first = await updateIf(db, tableName, key, add);
    const second = await updateIf(db, tableName, key, add);
    expect(lostAnswers() - before).toBe(2);
    expect(first).toMatchObject({ written: true, item: { n: 1 } });
    expect(second).toMatchObject({ written: true, item: { n: 2 } });
  });

  it('refuses an update whose condition does not hold, with the item as stored', async () => {
    const { db, tableName } = await dynamo.fresh();
    const set = { set: ['#s = :s'], names: { '#s': 'status' }, values: { ':s': 'done' } };
    expect(await updateIf(db, tableName, key, set, { expression: 'attribute_exists(pk)' })).toEqual({
      written: false,
      current: undefined,
    });
  });
});
