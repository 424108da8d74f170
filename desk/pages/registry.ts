import { editionsPage } from './editions.ts';
import { feedsPage } from './feeds.ts';
import type { DeskPage } from './page.ts';
import { readersPage } from './readers.ts';
import { settingsPage } from './settings.ts';
import { weekPage } from './week.ts';

/** The desk's pages in navigation order; the first is the one the desk opens on. */
export const PAGES: readonly DeskPage[] = [weekPage, editionsPage, readersPage, feedsPage, settingsPage];
