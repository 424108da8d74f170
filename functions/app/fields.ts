import type * as z from 'zod/mini';

// Building a zod schema costs far more at cold start than parsing with it (issue 14: the configuration's ~40-key
// object schema was most of what our code added to a function's initialisation). A record of fields whose schemas
// are built only for the fields present keeps the same validation at a fraction of the cost: an absent field is
// required, optional or takes its default, as `z.object` with `z.optional` and `z._default` would decide, and a
// present one is parsed by its own schema.

/** What an absent field means: an issue, nothing, or a default value (copied, never shared). */
export type Unset<T> = 'required' | 'optional' | { readonly value: T };

/** One field: its schema, built on demand, and what its absence means. */
export interface Field<T, U extends Unset<T> = Unset<T>> {
  readonly schema: () => z.ZodMiniType<T>;
  readonly unset: U;
}

/** A field that must be present. */
export const required = <T>(schema: () => z.ZodMiniType<T>): Field<T, 'required'> => ({ schema, unset: 'required' });

/** A field that may be absent (then absent from the result too). */
export const optional = <T>(schema: () => z.ZodMiniType<T>): Field<T, 'optional'> => ({ schema, unset: 'optional' });

/** A field that takes `value` when absent. */
export const fallback = <T>(schema: () => z.ZodMiniType<T>, value: NoInfer<T>): Field<T, { value: T }> => ({
  schema,
  unset: { value },
});

type Fields = Record<string, Field<unknown>>;
type OutputOf<F> = F extends Field<infer T> ? T : never;
type OptionalKey<F extends Fields> = { [K in keyof F]: F[K]['unset'] extends 'optional' ? K : never }[keyof F];

/** The parsed record: optional fields are optional properties, the others always there. */
export type Parsed<F extends Fields> = { [K in Exclude<keyof F, OptionalKey<F>>]: OutputOf<F[K]> } & {
  [K in OptionalKey<F>]?: OutputOf<F[K]>;
};

/** One problem: where (the field's name first) and zod's issue (`invalid_type` for a missing field). */
export interface FieldIssue {
  readonly path: readonly PropertyKey[];
  readonly code: string;
  readonly message: string;
}

function copy<T>(value: T): T {
  if (Array.isArray(value)) return [...value] as T;
  return value !== null && typeof value === 'object' ? { ...value } : value;
}

/** Parses the fields of `input` (other keys are ignored); every issue of every field is returned at once. */
export function parseFields<F extends Fields>(
  fields: F,
  input: Readonly<Record<string, unknown>>,
): { data: Parsed<F>; issues: FieldIssue[] } {
  const data: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  for (const [key, field] of Object.entries(fields)) {
    const raw = input[key];
    if (raw === undefined) {
      if (field.unset === 'required') issues.push({ path: [key], code: 'invalid_type', message: 'Required' });
      else if (field.unset !== 'optional') data[key] = copy(field.unset.value);
      continue;
    }
    const parsed = field.schema().safeParse(raw);
    if (parsed.success) data[key] = parsed.data;
    else for (const i of parsed.error.issues) issues.push({ path: [key, ...i.path], code: i.code, message: i.message });
  }
  return { data: data as Parsed<F>, issues };
}
