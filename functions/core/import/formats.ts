import type { FormatReader, Header } from './format-kit.ts';
import { generic } from './generic.ts';
import { mailchimp } from './mailchimp.ts';
import { buttondown, ghost, listmonk, substack } from './platforms.ts';
import type { ImportFormat } from './types.ts';

/** The readers, in the order detection tries them: the specific ones first, generic last. */
export const READERS: Record<ImportFormat, FormatReader> = {
  mailchimp,
  substack,
  listmonk,
  ghost,
  buttondown,
  generic,
};

const ORDER: readonly ImportFormat[] = ['mailchimp', 'listmonk', 'ghost', 'substack', 'buttondown', 'generic'];

/** The format a header is, or undefined when it has not even an e-mail column. */
export function detectFormatOf(header: Header): ImportFormat | undefined {
  return ORDER.find((f) => READERS[f].detect(header));
}
