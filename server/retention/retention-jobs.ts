// What fraudwall keeps only for a while, and the jobs that see to it: the audit trail's oldest
// records after FRAUDWALL_AUDIT_RETENTION_DAYS, and victims' phones and names after
// FRAUDWALL_PII_RETENTION_DAYS.
import type { Logger } from 'pino';
import type { RetentionApi } from './retention-api';
import { ChunkedJob } from './chunked-job';

const DAY_MS = 86_400_000;
const EVERY_MS = 3_600_000;
/** Audit records removed per transaction. */
const AUDIT_CHUNK = 5_000;
/** Events (and dead letters) passed over per transaction: a few milliseconds of the writer's time. */
export const PII_CHUNK = 2_000;

export interface RetentionPolicy {
  readonly auditRetentionDays: number;
  readonly piiRetentionDays: number;
}

export function retentionJobs(store: RetentionApi, policy: RetentionPolicy, now: () => number, logger: Logger) {
  return {
    audit: new ChunkedJob('audit', EVERY_MS, () => store.pruneAudit(now() - policy.auditRetentionDays * DAY_MS, now(), AUDIT_CHUNK), logger),
    pii: new ChunkedJob('victims', EVERY_MS, () => store.erasePii(now() - policy.piiRetentionDays * DAY_MS, PII_CHUNK), logger, () => store.compactErased()),
  };
}
