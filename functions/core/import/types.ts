import * as z from 'zod/mini';
import type { RowProblem } from '../import-outcome.ts';
import { LANGUAGES } from '../language.ts';

/** The exports the import reads; `generic` is any CSV with an e-mail column, its columns named by `map`. */
export const IMPORT_FORMATS = ['mailchimp', 'substack', 'listmonk', 'ghost', 'buttondown', 'generic'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The columns `map` can name (generic CSV, or to override one column of a known format). */
export const MAPPED_FIELDS = ['email', 'language', 'confirmed_at', 'status', 'optin_at'] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

export const IMPORT_ENCODINGS = ['utf-8', 'windows-1251'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

const columnName = z.string().check(z.minLength(1), z.maxLength(200));

/** What the editor says about a file: all optional but its name (`format` overrides what the header suggests). */
export const importOptionsSchema = z.object({
  format: z.optional(z.enum(IMPORT_FORMATS)),
  language: z.optional(z.enum(LANGUAGES)),
  encoding: z.optional(z.enum(IMPORT_ENCODINGS)),
  map: z.optional(z.partialRecord(z.enum(MAPPED_FIELDS), columnName)),
  fileName: z.string().check(z.minLength(1), z.maxLength(255)),
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;

/** Why a row becomes a suppression: it left, its address was cleaned, it bounced hard or it complained. */
export type SuppressionReason = 'unsubscribed' | 'cleaned' | 'bounced' | 'complained';

/**
 * What one record of the file becomes. `line` is the physical line (1-based) where the record starts, so a quoted
 * field with line breaks does not shift the lines after it. Times are ISO 8601 in UTC. There is no field for an IP
 * address or a name: whatever the file holds beyond these is never read out of it.
 */
export type ImportRow = { line: number } & (
  | { kind: 'confirmed'; email: string; language: string; optInAt?: string; confirmedAt?: string }
  | { kind: 'suppressed'; email: string; reason: SuppressionReason }
  | { kind: 'repermission'; email: string; language: string }
  | ({ kind: 'problem' } & RowProblem)
);
