import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';

/** What one import left in the table, read back by a full scan (4 segments at once). */
export interface ImportScan {
  /** Readers whose consent names this import, by status and language. */
  readonly readers: Record<string, number>;
  readonly suppressions: number;
  /** The import's row marks by outcome, and how many distinct readers they name. */
  readonly marks: Record<string, number>;
  readonly markedReaders: number;
  /** Re-permission steps of this import (any step), and the distinct readers they are for. */
  readonly steps: number;
  readonly steppedReaders: number;
  /** Items holding an address of this run in clear (must be 0), and items scanned. */
  readonly clear: number;
  readonly items: number;
}

const SEGMENTS = 4;

/** Scans the whole table for what the import `sha256` of the run `tag` stored. */
export async function scanImport(db: DynamoDBDocumentClient, table: string, sha256: string, tag: string) {
  const out = { readers: {} as Record<string, number>, suppressions: 0, marks: {} as Record<string, number> };
  const marked = new Set<string>();
  const stepped: string[] = [];
  let clear = 0;
  let items = 0;
  const clearMark = `.${tag}@`.toLowerCase();
  const add = (m: Record<string, number>, k: string) => {
    m[k] = (m[k] ?? 0) + 1;
  };
  await Promise.all(
    Array.from({ length: SEGMENTS }, async (_, Segment) => {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new ScanCommand({ TableName: table, Segment, TotalSegments: SEGMENTS, ExclusiveStartKey: start }),
        );
        for (const item of page.Items ?? []) {
          items++;
          if (JSON.stringify(item).toLowerCase().includes(clearMark)) clear++;
          const sk = String(item.sk);
          const consent = item.consent as { import?: { sha256?: string } } | undefined;
          if (sk === 'SUB' && consent?.import?.sha256 === sha256) add(out.readers, `${item.status}#${item.language}`);
          else if (sk === 'SUPPRESSED' && item.importId === sha256) out.suppressions++;
          else if (sk === `IMPORT#${sha256}`) {
            add(out.marks, String(item.outcome));
            marked.add(String(item.pk));
          } else if (item.pk === 'REPERM' && item.importId === sha256) stepped.push(String(item.subscriberId));
        }
        start = page.LastEvaluatedKey;
      } while (start);
    }),
  );
  const steps = stepped.length;
  return { ...out, markedReaders: marked.size, steps, steppedReaders: new Set(stepped).size, clear, items };
}
