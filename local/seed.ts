import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importCommentaries } from '../functions/app/import-commentaries.ts';
import { editionDates } from '../functions/core/edition.ts';
import type { createSendContext } from '../functions/wiring/send.ts';

const SAMPLES = join(import.meta.dirname, 'samples');

/**
 * When the store holds no commentary at all, imports the sample commentaries (marked as samples) dated on this
 * edition's Monday, so a newcomer has a digest to preview and send. Returns how many were imported.
 */
export async function seedSamples(
  ctx: Awaited<ReturnType<typeof createSendContext>>,
  edition: string,
): Promise<number> {
  if (await ctx.commentaries.any()) return 0;
  const { monday } = editionDates(edition);
  const files = readdirSync(SAMPLES)
    .filter((f) => f.endsWith('.md'))
    .map((f) => ({
      path: join(SAMPLES, f),
      text: readFileSync(join(SAMPLES, f), 'utf8')
        .replace(/^date:.*$/m, `date: ${monday}`)
        .replace(/^edition:.*$/m, `edition: ${edition}`),
    }));
  const result = await importCommentaries(ctx.commentaries, files);
  if (result.problems.length > 0)
    throw new Error(`sample commentaries are invalid: ${JSON.stringify(result.problems)}`);
  return result.created.length + result.updated.length;
}
