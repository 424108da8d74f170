import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Commentary, parseCommentary } from '../../../functions/core/commentary.ts';

/** The commentary fixture files. */
export const FIXTURES = join(import.meta.dirname, '../../fixtures/commentaries');

/** A fixture file as the parser takes it. */
export function fixture(relative: string): { path: string; text: string } {
  return { path: relative, text: readFileSync(join(FIXTURES, relative), 'utf8') };
}

/** The parsed commentary; throws with the problems when the file is invalid. */
export function parsed(source: { path: string; text: string }): Commentary {
  const result = parseCommentary(source);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.commentary;
}

/** The problems of an invalid file; throws when the file is valid. */
export function problems(source: { path: string; text: string }) {
  const result = parseCommentary(source);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

/** Valid front matter to start from. */
export const VALID = {
  title: 'Little prospect of normalization',
  language: 'en',
  date: '2026-11-24',
  topic: 'Belarus–West relations',
  url: 'https://example.org/commentary/123',
};

/** An inline commentary file with the given front matter and body. */
export function file(front: Record<string, unknown>, body = 'A body paragraph.'): { path: string; text: string } {
  const yaml = Object.entries(front)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join('\n');
  return { path: 'inline.md', text: `---\n${yaml}\n---\n${body}\n` };
}
