/** What one dispatch put on the queue: ids in all messages, distinct ids, and ids that came more than once. */
export interface QueuedCount {
  readonly ids: number;
  readonly distinct: number;
  readonly twice: number;
}

/** Counts the reader ids of the queued messages' bodies (`{ ids: string[] }`), duplicates included. */
export function countQueued(bodies: readonly string[]): QueuedCount {
  const seen = new Set<string>();
  let ids = 0;
  let twice = 0;
  for (const body of bodies)
    for (const id of (JSON.parse(body) as { ids: string[] }).ids) {
      ids++;
      if (seen.has(id)) twice++;
      else seen.add(id);
    }
  return { ids, distinct: seen.size, twice };
}

/** True when every one of `readers` readers was queued exactly once: as many ids as readers, none twice. */
export function everyReaderOnce(q: QueuedCount, readers: number): boolean {
  return q.ids === readers && q.distinct === readers && q.twice === 0;
}
