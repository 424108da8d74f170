/**
 * Stored records paged through the whole table by a one-off migration, with a checkpoint so a stopped run resumes
 * where it was. Each migration's port extends it with its own conditional write.
 */
export interface MigrationRecords<Stored> {
  page(cursor: string | undefined, limit: number): Promise<{ records: Stored[]; cursor?: string }>;
  checkpoint(): Promise<string | undefined>;
  /** Saves the cursor a next run starts from; undefined clears it (the run reached the end). */
  saveCheckpoint(cursor: string | undefined): Promise<void>;
}
