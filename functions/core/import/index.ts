export { detectFormat, importRows } from './rows.ts';
export type { ImportEncoding, ImportFormat, ImportOptions, ImportRow, SuppressionReason } from './types.ts';
export { IMPORT_ENCODINGS, IMPORT_FORMATS, importOptionsSchema, MAPPED_FIELDS } from './types.ts';
