import { editionAt, nextEdition, previousEdition } from '../core/edition.ts';
import type { EditionStatus } from './editions.ts';
import type { CommentarySource } from './ports/commentary-source.ts';
import type { HoldStore } from './ports/hold-store.ts';
import { editionReport, type ReportDeps } from './report.ts';

/** How many weeks the editions list looks at: the next one, the current one and 24 before. */
export const EDITION_WEEKS = 26;

/** What the editions list reads: per week its send record (and report), its hold, whether it has items. */
export interface EditionListDeps extends ReportDeps {
  readonly commentaries: Pick<CommentarySource, 'listByEdition'>;
  readonly holds: Pick<HoldStore, 'isHeld'>;
  readonly timeZone: string;
  readonly now: () => number;
}

/**
 * The editions of the last weeks (next week first, then back to 24 weeks before the current one), newest first,
 * each with its report (status, held, counts per language): those that started, have items or are held. A few reads
 * per week (send record, summary, feedback counts, hold; the items only of a week that never started), none over
 * readers; a running send's report adds up its delivery records, as `GET /admin/editions/{edition}` does.
 */
export async function listEditions(deps: EditionListDeps): Promise<{ editions: EditionStatus[] }> {
  const weeks = [nextEdition(editionAt(deps.now(), deps.timeZone))];
  while (weeks.length < EDITION_WEEKS) weeks.push(previousEdition(weeks[weeks.length - 1] as string));
  const found = await Promise.all(
    weeks.map(async (edition): Promise<EditionStatus | undefined> => {
      const [report, held] = await Promise.all([editionReport(deps, edition), deps.holds.isHeld(edition)]);
      if (report.status !== 'not-started' || held) return { ...report, held };
      const items = await deps.commentaries.listByEdition(edition);
      return items.length > 0 ? { ...report, held } : undefined;
    }),
  );
  return { editions: found.filter((e): e is EditionStatus => e !== undefined) };
}
