// What fraudwall keeps only for a while, and the jobs that see to it: the audit trail's oldest
// records after FRAUDWALL_AUDIT_RETENTION_DAYS.
import type { Logger } from 'pino';
import type { Store } from '../store/store';
import { ChunkedJob } from './chunked-job';

const DAY_MS = 86_400_000;
const EVERY_MS = 3_600_000;
/** Audit records removed per transaction. */
const AUDIT_CHUNK = 5_000;

export interface RetentionPolicy {
  readonly auditRetentionDays: number;
}

export function retentionJobs(store: Store, policy: RetentionPolicy, now: () => number, logger: Logger) {
  return {
    audit: new ChunkedJob('audit', EVERY_MS, () => store.pruneAudit(now() - policy.auditRetentionDays * DAY_MS, now(), AUDIT_CHUNK), logger),
  };
}
