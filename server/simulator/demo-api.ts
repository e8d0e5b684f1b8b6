// What the demo asks of the store beyond ingest: whether it is empty, the escalations a stopped
// demo left open, and where its history backfill stopped.
import type { OpenEscalationRecord } from '../../shared/aggregate/records';

export interface DemoApi {
  /** Whether anything was ever stored (the demo fills an empty store). */
  hasEvents(): Promise<boolean>;
  openEscalationRecords(): Promise<OpenEscalationRecord[]>;
  metaGet(key: string): Promise<string | undefined>;
  metaSet(key: string, value: string): Promise<void>;
}
