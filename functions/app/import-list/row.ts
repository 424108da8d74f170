/** One parsed row of an imported file (the parser's, functions/core/import/). */
export type { ImportRow } from '../../core/import/index.ts';
