/**
 * One parsed row of an imported file, as the parser (import-formats) yields it. Declared here until the parser lands
 * its own `ImportRow` (functions/core/import/): the shapes are the agreed seam, this file then re-exports theirs.
 */
export type ImportRow = { readonly line: number } & (
  | {
      readonly kind: 'confirmed';
      readonly email: string;
      readonly language: string;
      readonly optInAt?: string;
      readonly confirmedAt?: string;
    }
  | {
      readonly kind: 'suppressed';
      readonly email: string;
      readonly reason: 'unsubscribed' | 'cleaned' | 'bounced' | 'complained';
    }
  | { readonly kind: 'repermission'; readonly email: string; readonly language: string }
  | { readonly kind: 'problem'; readonly reason: string }
);
