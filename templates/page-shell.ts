import { escapeHtml } from '../functions/core/html.ts';
import type { Language } from '../functions/core/language.ts';
import brandTexts from './compiled/messages/brand.json' with { type: 'json' };
import pageTexts from './compiled/messages/page.json' with { type: 'json' };
import { translator } from './messages.ts';

const t = /* @__PURE__ */ translator(brandTexts, pageTexts);

/** What a server-rendered page puts into the shell every page shares. */
export interface PageShell {
  readonly title: string;
  /** Head lines before the title (description, robots) and after it (canonical, alternates). */
  readonly beforeTitle: string;
  readonly afterTitle?: string;
  readonly stylesheet: string;
  /** The content of `main`, below the brand line. */
  readonly main: string;
  /** Lines after `main` (a footer). */
  readonly afterMain?: string;
}

/** A whole HTML page in `lang`: the shared head (charset, viewport, colour schemes, title), the brand, `main`. */
export function pageShell(lang: Language, p: PageShell): string {
  const brand = t(lang, 'brand');
  const after = (lines: string | undefined) => (lines ? `${lines}\n` : '');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
${p.beforeTitle}
<title>${escapeHtml(t(lang, 'page.title', { title: p.title, brand }))}</title>
${after(p.afterTitle)}<style>${p.stylesheet}</style>
</head>
<body>
<main>
<p class="brand">${escapeHtml(brand)}</p>
${p.main}
</main>
${after(p.afterMain)}</body>
</html>
`;
}
