// What the retention jobs ask of the store: a chunk removed or erased at a time.
export interface RetentionApi {
  /** Removes up to `limit` of the trail's oldest records from before `cutoffMs` (audit-chain.ts); how many went. */
  pruneAudit(cutoffMs: number, nowMs: number, limit: number): Promise<number>;
  /** Erases victims' phones and names from up to `limit` events and dead letters received before `cutoffMs`; how many it passed over. */
  erasePii(cutoffMs: number, limit: number): Promise<number>;
  /** After erasing: leaves no old copy where the engine can reach it (SQLite's log; PostgreSQL's dead rows). */
  compactErased(): Promise<void>;
}
