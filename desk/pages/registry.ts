import { editionsPage } from './editions.ts';
import type { DeskPage } from './page.ts';
import { weekPage } from './week.ts';

/** The desk's pages in navigation order; the first is the one the desk opens on. */
export const PAGES: readonly DeskPage[] = [weekPage, editionsPage];
