import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Row } from './table.ts';

/** The editors' desk as shipped: the script and stylesheet `npm run build:templates` wrote, gzipped (level 9). */
export interface DeskFigure {
  readonly js: string;
  readonly jsGzipKb: number;
  readonly cssGzipKb: number;
}

export function benchDesk(): DeskFigure {
  const manifest = JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'templates', 'compiled', 'desk.json'), 'utf8'),
  ) as { js: string; css: string; files: Record<string, { body: string }> };
  const kb = (name: string) => gzipSync(manifest.files[name]?.body ?? '', { level: 9 }).length / 1024;
  return { js: manifest.js, jsGzipKb: kb(manifest.js), cssGzipKb: kb(manifest.css) };
}

/** Figure 8: the desk's shipped JavaScript against its budget (issue 22: at most 60 KB gzipped). */
export function deskRows(f: DeskFigure): Row[] {
  return [
    {
      figure: '8 desk',
      measure: `desk.jsGzipKb (${f.js}, gzip -9)`,
      subject: `${f.jsGzipKb.toFixed(1)} KB`,
      floor: '',
      ratio: '',
      target: '≤ 60 KB',
      ok: f.jsGzipKb <= 60,
      ci: true,
    },
    {
      figure: '8 desk',
      measure: 'desk CSS gzipped',
      subject: `${f.cssGzipKb.toFixed(1)} KB`,
      floor: '',
      ratio: '',
      target: '',
    },
  ];
}
