import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { renderEdition } from '../functions/app/digest.ts';
import { editionAt } from '../functions/core/edition.ts';
import { escapeHtml } from '../functions/core/html.ts';
import { isLanguage, LANGUAGES, type Language, languageInfo } from '../functions/core/language.ts';
import { createSendContext } from '../functions/wiring/send.ts';
import { t } from '../templates/i18n.ts';
import { personalizeDigest } from '../templates/personalize.ts';
import { widgetSnippet } from '../templates/widget/snippet.ts';
import type { LocalSendResult } from './dispatcher.ts';

type Route = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

const STYLE = [
  'body{margin:0;background:#fbfaf7;color:#1d1d1b;font:1.0625rem/1.6 Georgia,"Times New Roman",serif}',
  '.dev{font:.9375rem/1.5 system-ui,sans-serif;background:#fff4d6;color:#2b2100;border-bottom:2px solid #9a6700;',
  'padding:1rem max(1.25rem,calc(50% - 22rem))}',
  '.dev h2{margin:0 0 .5rem;font-size:1rem}.dev ol{margin:0 0 .75rem;padding-left:1.5rem}.dev p{margin:.5rem 0}',
  '.dev a{color:#0842a0}.dev form{display:inline}.dev code{font-size:.875rem}',
  '.dev button{font:inherit;font-weight:700;padding:.375rem .875rem;color:#fff;background:#7d4e00;border:0;',
  'border-radius:.25rem;cursor:pointer}',
  '.tag{margin-left:.5rem;padding:.125rem .375rem;border:1px solid #7d4e00;border-radius:.25rem;font-size:.8125rem}',
  '.sent{padding:.5rem .75rem;background:#dafbe1;color:#0f5323;border-radius:.25rem}',
  'pre{overflow-x:auto;padding:.5rem;background:#fff;border:1px solid #d0c7a8;font-size:.75rem;white-space:pre-wrap}',
  'header.site{border-bottom:1px solid #d8d4c8;padding:.75rem max(1.25rem,calc(50% - 22rem))}',
  '.logo{margin:0;font-weight:700;letter-spacing:.06em;text-transform:uppercase;font-size:.9375rem}',
  'main{max-width:44rem;margin:0 auto;padding:1.5rem 1.25rem 3rem}',
  'h1{font-size:2rem;line-height:1.2;margin:.25rem 0 1rem}.kicker{margin:0;color:#5c5a52;font-size:.9375rem}',
  'a{color:#0b57d0}a:focus-visible,button:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}',
  '#privacy{margin-top:2.5rem;padding-top:1rem;border-top:1px solid #d8d4c8;font-size:.9375rem}',
  '#privacy h2{font-size:1.125rem}',
].join('\n');
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** The home page's CSP: what an outlet embedding the widget needs (`'self'` is the API here). */
export const HOME_CSP = `default-src 'none'; script-src 'self'; connect-src 'self'; style-src ${STYLE_HASH}; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

const html = (statusCode: number, body: string, csp = HOME_CSP): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp, 'Cache-Control': 'no-store' },
  body,
});

/** Everything the local-only pages need. */
export interface HomeOptions {
  readonly env: Record<string, string>;
  readonly sesUrl: string;
  /** The served widget script's version, for the snippet's `?v=`. */
  readonly widgetVersion: string;
  /** Runs the dispatch function until every e-mail of the edition is handed over. */
  readonly dispatch: (input?: { edition?: string }) => Promise<LocalSendResult>;
}

function langLinks(label: (code: Language) => string, href: (code: Language) => string): string {
  return LANGUAGES.map((c) => `<a href="${href(c)}" lang="${c}">${escapeHtml(label(c))}</a>`).join(' · ');
}

function sentNotice(q: URLSearchParams): string {
  if (!q.has('sent')) return '';
  const [edition, status, sent] = ['edition', 'status', 'sent'].map((k) => escapeHtml(q.get(k) ?? ''));
  const what =
    status === 'nothing-to-send'
      ? `nothing to send: no commentaries for ${edition}. Import some with <code>npm run newsletter -- import</code>.`
      : status === 'held'
        ? `${edition} is held; release it with <code>npm run newsletter -- release</code>.`
        : `${edition} handed to the SES stand-in: ${sent} e-mail(s) sent (readers who already had it are skipped).`;
  return `<p class="sent" role="status">Send finished, ${what}</p>`;
}

function homePage(o: HomeOptions, base: string, lang: Language, q: URLSearchParams, edition: string): string {
  const m = (key: string) => escapeHtml(t(lang, key));
  const inbox = escapeHtml(`${o.sesUrl}/`);
  const snippet = widgetSnippet({
    apiUrl: base,
    version: o.widgetVersion,
    language: lang,
    privacyUrl: `${base}/?lang=${lang}#privacy`,
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Belarus Weekly · local runner</title><style>${STYLE}</style></head><body>
<aside class="dev" aria-labelledby="dev-title">
<h2 id="dev-title">Local runner: try the whole reader's path on this page (this yellow panel is not part of the site)</h2>
<ol>
<li>Subscribe with the signup box in the sample article below; any address works, no e-mail leaves this machine.</li>
<li>Open the confirmation e-mail in the <a href="${inbox}">inbox viewer</a>, follow its link and press the button.</li>
<li>Send this week's digest (button below, or <code>npm run newsletter -- send</code>), read it in the <a href="${inbox}">inbox viewer</a> and try its unsubscribe link.</li>
</ol>
<p>Mail to a digest's mailto unsubscribe address (and feedback reports) goes to the SMTP stand-in on <code>SMTP_PORT</code>: see <a href="/local/inbound">what arrived</a>.</p>
<form method="post" action="/local/send" id="send"><input type="hidden" name="lang" value="${lang}"><button type="submit">Send this week's digest now</button><span class="tag">local runner only, not deployed</span></form>
${sentNotice(q)}
<p>Preview this week's digest (${escapeHtml(edition)}): ${langLinks(
    (c) => languageInfo(c).name,
    (c) => `/preview/${c}`,
  )}</p>
<p>Show the sample site in: ${langLinks(
    (c) => languageInfo(c).name,
    (c) => `/?lang=${c}`,
  )}</p>
<details><summary>The two lines the outlet pastes into its page (see docs/widget.md)</summary><pre><code>${escapeHtml(snippet)}</code></pre></details>
</aside>
<header class="site"><p class="logo">Sample outlet</p></header>
<main lang="${lang}">
<article>
<p class="kicker">${m('home.article.kicker')}</p>
<h1>${m('home.article.title')}</h1>
<p>${m('home.article.p1')}</p>
<p>${m('home.article.p2')}</p>
${snippet}
<p>${m('home.article.p3')}</p>
</article>
<section id="privacy" aria-labelledby="privacy-title"><h2 id="privacy-title">${m('home.privacy.title')}</h2><p>${m('home.privacy.body')}</p></section>
</main>
</body></html>
`;
}

/** The local runner's own routes (never deployed): the home page, digest previews and the send button. */
export function homeRoutes(o: HomeOptions): Record<string, Route> {
  let ctx: ReturnType<typeof createSendContext> | undefined;
  const context = () => {
    ctx ??= createSendContext(o.env);
    return ctx;
  };
  const thisWeek = async () => editionAt(Date.now(), (await context()).config.TIMEZONE);
  // Same-origin with whatever address the browser used (127.0.0.1 or localhost), so no CORS is involved here.
  const baseOf = (e: APIGatewayProxyEventV2) =>
    /^(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(e.headers.host ?? '') ? `http://${e.headers.host}` : o.env.PUBLIC_URL;
  const routes: Record<string, Route> = {
    'GET /': async (e) => {
      const q = new URLSearchParams(e.rawQueryString);
      const lang = q.get('lang');
      return html(200, homePage(o, baseOf(e) ?? '', isLanguage(lang) ? lang : 'en', q, await thisWeek()));
    },
    'POST /local/send': async (e) => {
      // Only this page may press the button: a form on any other site the developer visits must not trigger a send.
      const origin = e.headers.origin ?? '';
      const site = e.headers['sec-fetch-site'];
      if (site === 'cross-site' || site === 'same-site' || (origin !== '' && origin !== baseOf(e))) {
        return html(403, '<!doctype html><title>Forbidden</title><p>Send the digest from the local home page.</p>');
      }
      const form = new URLSearchParams(e.isBase64Encoded ? Buffer.from(e.body ?? '', 'base64').toString() : e.body);
      const lang = form.get('lang');
      const { result, progress } = await o.dispatch();
      const q = new URLSearchParams({
        lang: isLanguage(lang) ? lang : 'en',
        edition: result.edition,
        status: result.status,
        sent: String(progress.sent),
      });
      return { statusCode: 303, headers: { Location: `/?${q}#send`, 'Cache-Control': 'no-store' }, body: '' };
    },
  };
  for (const code of LANGUAGES) {
    routes[`GET /preview/${code}`] = async () => {
      const c = await context();
      const edition = await thisWeek();
      const { digests } = await renderEdition(c.commentaries, c.settings, edition);
      const digest = digests.find((d) => d.plan.language === code);
      if (!digest) return html(404, `<!doctype html><title>No digest</title><p>No commentaries for ${edition}.</p>`);
      const mail = personalizeDigest(
        digest.rendered,
        `${c.config.PUBLIC_URL}/unsubscribe?token=preview`,
        `${c.config.PUBLIC_URL}/erase?token=preview`,
      );
      return html(200, mail.html, "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:");
    };
  }
  return routes;
}
