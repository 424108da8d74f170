import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSecrets } from '../functions/adapters/secrets.ts';
import { manageUrl } from '../functions/app/links.ts';
import { parseCommentary } from '../functions/core/commentary.ts';
import { type LanguagePlan, planEditionLanguages, toDigestItems } from '../functions/core/digest-view.ts';
import { formatEditionRange } from '../functions/core/edition.ts';
import { LANGUAGES } from '../functions/core/language.ts';
import type { RenderedEmail } from '../functions/core/rendered-email.ts';
import { renderDigest } from '../templates/digest.ts';
import { personalizeDigest } from '../templates/personalize.ts';
import { median, quantile, round } from './stats.ts';

/** Figure 2: digest rendering per language and per-recipient personalisation. */
export interface RenderFigure {
  /** Per language: the first (cold) render, and median and 95th percentile after warm-up, in ms. */
  readonly renderMs: Record<string, { first: number; median: number; p95: number; htmlBytes: number }>;
  /** personalizeDigest alone, in µs per recipient. */
  readonly personalizeUs: { median: number; p99: number };
  /** What deliver does per recipient before SendEmail: sign the manage link, then personalise, in µs. */
  readonly linkAndPersonalizeUs: { median: number; p99: number };
}

const EDITION = '2026-W48';

function samplePlans() {
  const dir = join(import.meta.dirname, '..', 'local', 'samples');
  const commentaries = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8').replace(/^date:.*$/m, 'date: 2026-11-23');
      const parsed = parseCommentary({ path: f, text: text.replace(/^edition:.*$/m, `edition: ${EDITION}`) });
      if (!parsed.ok) throw new Error(`${f}: ${JSON.stringify(parsed.problems)}`);
      return parsed.commentary;
    });
  return planEditionLanguages(EDITION, commentaries, [...LANGUAGES], {}).plans;
}

/** What dispatch does per language (renderEdition): the view, its Markdown turned into HTML, the whole e-mail. */
function renderPlan(plan: LanguagePlan): RenderedEmail {
  return renderDigest({
    language: plan.language,
    edition: EDITION,
    dateRange: formatEditionRange(EDITION, plan.language),
    items: toDigestItems(plan.items),
  });
}

function timeEach(count: number, task: (i: number) => unknown): number[] {
  const samples: number[] = new Array(count);
  let sink = 0;
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    const out = task(i) as { html?: string };
    samples[i] = Number(process.hrtime.bigint() - start);
    sink += out.html?.length ?? 0;
  }
  if (sink < 0) console.log(sink);
  return samples;
}

/** Runs figure 2: `renders` timed renders per language and `recipients` timed personalisations, after warm-ups. */
export function benchRender(options: { renders: number; recipients: number }): RenderFigure {
  const plans = samplePlans();
  const renderMs: RenderFigure['renderMs'] = {};
  for (const plan of plans) {
    const first = timeEach(1, () => renderPlan(plan));
    timeEach(Math.max(20, options.renders / 4), () => renderPlan(plan));
    const ns = timeEach(options.renders, () => renderPlan(plan));
    renderMs[plan.language] = {
      first: round((first[0] as number) / 1e6, 3),
      median: round(median(ns) / 1e6, 3),
      p95: round(quantile(ns, 0.95) / 1e6, 3),
      htmlBytes: Buffer.byteLength(renderPlan(plan).html),
    };
  }
  const rendered = renderPlan(plans[0] as LanguagePlan);
  const { ring } = parseSecrets(JSON.stringify({ master: 'bench-master-secret-bench-master-secret' }));
  const ids = Array.from({ length: options.recipients }, (_, i) => `reader-${i.toString(36).padStart(20, '0')}`);
  const now = Date.now();
  const urls = ids.map((id) => manageUrl('https://newsletter.example', ring, id, now));
  timeEach(options.recipients, (i) => personalizeDigest(rendered, urls[i] as string));
  const personalize = timeEach(options.recipients, (i) => personalizeDigest(rendered, urls[i] as string));
  timeEach(options.recipients, (i) =>
    personalizeDigest(rendered, manageUrl('https://newsletter.example', ring, ids[i] as string, now)),
  );
  const both = timeEach(options.recipients, (i) =>
    personalizeDigest(rendered, manageUrl('https://newsletter.example', ring, ids[i] as string, now)),
  );
  return {
    renderMs,
    personalizeUs: { median: round(median(personalize) / 1e3, 2), p99: round(quantile(personalize, 0.99) / 1e3, 2) },
    linkAndPersonalizeUs: { median: round(median(both) / 1e3, 2), p99: round(quantile(both, 0.99) / 1e3, 2) },
  };
}
