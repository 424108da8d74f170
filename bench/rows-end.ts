import type { EndFigure } from './end.ts';
import { fmt } from './rows.ts';
import { showRatio } from './stats.ts';
import type { Row } from './table.ts';

/** Rows of figure 8: the end of an edition at two sizes against its floor, its growth and its reads. */
export function endRows(f: EndFigure): Row[] {
  const fig = `8 end ${f.large}`;
  const row = (measure: string, subject: string, rest: Partial<Row> = {}): Row => ({
    figure: fig,
    measure,
    subject,
    floor: '',
    ratio: '',
    target: '',
    ...rest,
  });
  return [
    row(
      `last e-mail → report mailed, ${f.small} readers, vs read plan + write summary (pairs)`,
      fmt(f.ms.small, 'ms', 0),
      {
        floor: fmt(f.floorMs.small, 'ms', 1),
        ratio: showRatio(f.ratio.small),
      },
    ),
    row(
      `last e-mail → report mailed, ${f.large} readers, vs read plan + write summary (pairs)`,
      fmt(f.ms.large, 'ms', 0),
      {
        floor: fmt(f.floorMs.large, 'ms', 1),
        ratio: showRatio(f.ratio.large),
      },
    ),
    row(`growth ${f.small} → ${f.large}: ratio to floor at ${f.large} over ratio at ${f.small}`, f.growth.toFixed(2), {
      target: '≤ 2',
      ok: f.growth <= 2,
    }),
    row(
      `DynamoDB items read per recipient by one end at ${f.large} (${f.reads.large.items} items, ${f.reads.large.calls} reads)`,
      f.readsPerRecipient.toFixed(3),
      { target: '≤ 1.1', ok: f.readsPerRecipient <= 1.1, ci: true },
    ),
    row(`read units per recipient (${f.reads.large.units} units at ${f.large})`, f.readUnitsPerRecipient.toFixed(4)),
    row(`one dispatch page of the sending index: read units (${f.indexPage.items} ids)`, String(f.indexPage.units)),
    row(`seeding ${f.small} + ${f.large} sent deliveries (BatchWriteItem, 16 in flight)`, fmt(f.seedSeconds, 's', 1)),
    row('every end scheduled one check and mailed one report', f.everyEndReported ? 'yes' : 'no', {
      target: 'yes',
      ok: f.everyEndReported,
      check: true,
    }),
  ];
}
