import { escapeHtml } from '../functions/core/html.ts';
import { PAGE_STYLESHEET } from './page-style.ts';

/** What the hold page shows: the button, the outcome, or a link that does not work (any more). */
export type HoldPage =
  | { page: 'confirm'; edition: string; token: string }
  | { page: 'held'; edition: string }
  | { page: 'started'; edition: string }
  | { page: 'invalid' };

function content(p: HoldPage): { title: string; body: string } {
  switch (p.page) {
    case 'confirm':
      return {
        title: `Hold ${p.edition}?`,
        body:
          `<p>Holding stops ${escapeHtml(p.edition)} from being sent, by the schedule or by hand, until an editor releases it (<code>npm run newsletter -- release --edition ${escapeHtml(p.edition)}</code>).</p>` +
          `<form method="post" action="/hold"><input type="hidden" name="token" value="${escapeHtml(p.token)}">` +
          `<button type="submit">Hold ${escapeHtml(p.edition)}</button></form>`,
      };
    case 'held':
      return {
        title: `${p.edition} is held`,
        body: `<p>It will not be sent until it is released: <code>npm run newsletter -- release --edition ${escapeHtml(p.edition)}</code>.</p>`,
      };
    case 'started':
      return {
        title: `${p.edition} is already being sent`,
        body: '<p>Its send has started, so a hold would change nothing.</p>',
      };
    case 'invalid':
      return { title: 'This hold link does not work', body: '<p>It is invalid or has expired (after its week).</p>' };
  }
}

/** The editors' hold page (English: editors share one language), self-contained like the readers' pages. */
export function renderHoldPage(p: HoldPage): string {
  const { title, body } = content(p);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${PAGE_STYLESHEET}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}
