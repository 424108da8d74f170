import { describe, expect, it } from 'vitest';
import { renderReportMail } from '../../../templates/editor-mails.ts';

// Issue 24 item 6: the report e-mail names the readers soft bounces suppressed, one line per language in that
// language, with the catalogue's plural forms (be and ru: one, few, many).
const base = { edition: '2026-W44', languages: {}, skipped: [], week: { confirmed: 0, unsubscribed: 0 } };
const linesOf = (counts: Record<string, number>, edition = '2026-W43') =>
  renderReportMail({ ...base, softBounces: { limit: 3, editions: [{ edition, counts }] } })
    .text.split('\n')
    .filter((l) => l.includes(edition) && !l.includes('has been sent'));

describe('the report e-mail’s soft-bounce lines', () => {
  it('counts in each language’s plural forms', () => {
    expect(linesOf({ en: 1, be: 2, ru: 5 })).toEqual([
      'English: 2026-W43: 1 reader suppressed after soft bounces in 3 editions in a row',
      'Belarusian: 2026-W43: 2 чытачы адключаныя пасля мяккіх адмоваў у 3 выпусках запар',
      'Russian: 2026-W43: 5 читателей отключены после временных отказов доставки в 3 выпусках подряд',
    ]);
    expect(linesOf({ en: 2, be: 21, ru: 1 })).toEqual([
      'English: 2026-W43: 2 readers suppressed after soft bounces in 3 editions in a row',
      'Belarusian: 2026-W43: 21 чытач адключаны пасля мяккіх адмоваў у 3 выпусках запар',
      'Russian: 2026-W43: 1 читатель отключён после временных отказов доставки в 3 выпусках подряд',
    ]);
  });

  it('says nothing of a language without suppressions, and marks each line’s language in the HTML', () => {
    expect(linesOf({ en: 0 })).toEqual([]);
    const html = renderReportMail({
      ...base,
      softBounces: { limit: 3, editions: [{ edition: 'x', counts: { be: 4 } }] },
    }).html;
    expect(html).toContain('<p lang="be">Belarusian: x: 4 чытачы адключаныя');
  });
});
