import type { DeskKey } from '../i18n.ts';

/**
 * One page of the desk, at `#/<id>[/<param>...]`. To add a page: write pages/<id>.ts exporting a DeskPage, add its
 * title key to desk/i18n/*.json, and list it in pages/registry.ts.
 */
export interface DeskPage {
  readonly id: string;
  /** Its name in the navigation and the document title. */
  readonly title: DeskKey;
  /** Offered in the navigation only to editors of these groups (`editor`, `data`); everyone when absent. */
  readonly groups?: readonly string[];
  /**
   * Fills `main` (its first heading is an h1); answers an optional clean-up run when the editor leaves the page
   * (stop polling). Errors thrown are shown in the status region.
   */
  render(main: HTMLElement, params: readonly string[]): Promise<(() => void) | undefined> | (() => void) | undefined;
}
