import type { ImportOutcome, ImportProblem, ImportTally } from '../../core/import-outcome.ts';

/** The file an import reads: its id is the sha-256. */
export interface ImportFile {
  readonly name: string;
  readonly sha256: string;
  readonly size: number;
}

/** An import's progress and outcome so far (one record per import, version-guarded). */
export interface ImportProgress {
  /** The file's sha-256: the import's id. */
  readonly id: string;
  readonly file: ImportFile;
  readonly format: string;
  /** The options the import was started with (a later request must send the same). */
  readonly options: Readonly<Record<string, unknown>>;
  /** The IAM principal that started it. */
  readonly by: string;
  readonly startedAt: number;
  readonly updatedAt: number;
  /** Chunks the file comes in, and how many were applied. */
  readonly chunkCount: number;
  readonly chunksDone: number;
  /** The last line whose row is counted in `tally`. */
  readonly lastLine: number;
  /** The end of the last chunk that was not a whole row yet: sealed (it may hold an address), bound to the import. */
  readonly tail?: string;
  /** The file's header record, sealed like the tail (each chunk's rows are read with it). */
  readonly header?: string;
  /** Physical lines of the file before the tail (the next chunk's rows are numbered on from there). */
  readonly linesBefore?: number;
  readonly tally: ImportTally;
  /** The first MAX_PROBLEMS_KEPT problems, by line. */
  readonly problems: readonly ImportProblem[];
  readonly problemCount: number;
  readonly done: boolean;
  /** Optimistic-concurrency version; 0 for a record not stored yet. */
  readonly version: number;
}

/** What an import recorded for one reader: the row's line and outcome. */
export interface ImportRowMark {
  readonly line: number;
  readonly outcome: ImportOutcome;
  readonly language?: string;
}

/**
 * The imports' records (DynamoImportLedger): each import's progress, and one mark per (import, reader), written after
 * the reader's own writes, so a rerun or a resumed import finds what it did and applies no row twice.
 */
export interface ImportLedger {
  progress(importId: string): Promise<ImportProgress | undefined>;
  /** Stores if the stored version is still `progress.version`; throws ConcurrentUpdateError otherwise. */
  saveProgress(progress: ImportProgress): Promise<ImportProgress>;
  /**
   * Records the rows of readers not marked when they were read (ImportReads.heldFor), several at once (batched: a
   * mark written twice by two requests on the same chunk holds the same line and outcome).
   */
  markRows(importId: string, rows: readonly { subscriberId: string; mark: ImportRowMark }[]): Promise<void>;
  /** Deletes the reader's marks of every import (erasure): found without a scan. */
  eraseReader(subscriberId: string): Promise<void>;
}
