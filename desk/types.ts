// The editors' API answers the desk reads (design.md, "Editors' API", and issue 22's desk contract).

/** One language's counts in an edition's report. */
export interface LanguageReport {
  readonly planned?: number;
  readonly sent?: number;
  readonly failed?: number;
  readonly skipped?: number;
  readonly uncertain?: number;
  readonly bounced?: number;
  readonly complained?: number;
  readonly pending?: number;
}

/** GET /admin/editions/{edition}. */
export interface Report {
  readonly edition: string;
  readonly status: 'not-started' | 'dispatching' | 'dispatched' | string;
  readonly held: boolean;
  readonly languages: Record<string, LanguageReport>;
}

/** One item of GET /admin/editions/{edition}/week, in send order. */
export interface WeekItem {
  readonly key: string;
  readonly slug: string;
  readonly title: string;
  readonly topic: string;
  readonly trend: string;
  readonly source: 'file' | 'feed';
  readonly removed: boolean;
}

/** GET /admin/editions/{edition}/week. */
export interface Week {
  readonly edition: string;
  readonly status: string;
  readonly held: boolean;
  readonly schedule?: { readonly next?: string | number; readonly timeZone?: string; readonly cron?: string };
  readonly languages: Record<string, { readonly note: string | null; readonly items: readonly WeekItem[] }>;
}

/** GET /admin/stats. */
export interface Stats {
  readonly total: number;
  readonly languages: Record<string, Record<string, number>>;
}

/** The report's counts in the order the desk shows them. */
export const REPORT_COUNTS = ['planned', 'sent', 'failed', 'skipped', 'uncertain', 'bounced', 'complained'] as const;
