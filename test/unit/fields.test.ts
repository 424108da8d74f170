import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { fallback, optional, parseFields, required } from '../../functions/app/fields.ts';

describe('parseFields', () => {
  it('builds the schema of the fields present only', () => {
    const built: string[] = [];
    const schema = (name: string) => () => {
      built.push(name);
      return z.string().check(z.minLength(2));
    };
    const fields = { a: required(schema('a')), b: optional(schema('b')), c: fallback(schema('c'), 'cc') };
    const { data, issues } = parseFields(fields, { a: 'aa', other: 'x' });
    expect(issues).toEqual([]);
    expect(data).toEqual({ a: 'aa', c: 'cc' });
    expect(built).toEqual(['a']);
  });

  it('reports a missing required field as invalid_type and every issue of the present ones at once', () => {
    const fields = {
      a: required(() => z.string()),
      n: required(() => z.coerce.number().check(z.int(), z.positive())),
      l: optional(() => z.array(z.string().check(z.minLength(2)))),
    };
    const { issues } = parseFields(fields, { n: '0', l: ['ok', 'x', 'y'] });
    expect(issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['a', 'invalid_type'],
      ['n', 'too_small'],
      ['l.1', 'too_small'],
      ['l.2', 'too_small'],
    ]);
  });

  it('gives each result its own copy of a default', () => {
    const fields = { list: fallback(() => z.array(z.string()), [] as string[]) };
    const first = parseFields(fields, {}).data.list;
    first.push('changed');
    expect(parseFields(fields, {}).data.list).toEqual([]);
  });
});
