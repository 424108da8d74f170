import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium; `.ci/e2e.sh` installs it when missing. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags this machine (a container without GPU, sandbox or network services) needs. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Where screenshots go (git-ignored); the best are copied to docs/screenshots/ by hand. */
export const RESULTS = join(import.meta.dirname, '..', '..', '..', 'test-results');

/** A headless Chromium with a fresh profile of its own. */
export interface TestBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Starts headless Chromium with a fresh `--user-data-dir`; `javaScriptEnabled: false` for the no-JS path. */
export async function openBrowser(options: { javaScriptEnabled?: boolean } = {}): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: { width: 1000, height: 900 },
    locale: 'en-GB',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a PNG of the page (or of one element) under test-results/ and returns its path. */
export async function screenshot(
  target: Page | Locator,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, `${name}.png`);
  if ('goto' in target) {
    await target.screenshot({ path, fullPage: options.fullPage ?? false });
    return path;
  }
  // An element with a margin of the page around it, so its borders and shadows are not cut off.
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  if (!box) throw new Error(`${name}: the element is not visible`);
  const pad = 16;
  const x = Math.max(0, box.x - pad);
  const y = Math.max(0, box.y - pad);
  const clip = { x, y, width: box.width + 2 * pad, height: box.height + 2 * pad };
  await target.page().screenshot({ path, clip });
  return path;
}

const AXE_SOURCE = readFileSync(
  join(import.meta.dirname, '..', '..', '..', 'node_modules/axe-core/axe.min.js'),
  'utf8',
);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Injects axe-core into the page (through the DevTools protocol, so the page's CSP does not block it), runs it on
 * the whole document including open shadow roots, and expects no violations; returns the number of rules passed.
 */
export async function expectAccessible(page: Page, label: string): Promise<number> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const g = globalThis as unknown as {
      axe: { run(ctx: unknown, opts: unknown): Promise<unknown> };
      document: unknown;
    };
    return (await g.axe.run(g.document, { resultTypes: ['violations'] })) as {
      violations: AxeViolation[];
      passes: unknown[];
    };
  });
  const summary = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
  );
  expect(summary, `axe on ${label}`).toEqual([]);
  return result.passes.length;
}
