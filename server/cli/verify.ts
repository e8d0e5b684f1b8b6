// npm run verify: the operator's integrity check. Recounts every rollup from the stored events
// (FRAUDWALL_DATABASE_URL's, else FRAUDWALL_DATA_DIR's; FRAUDWALL_TZ as the server uses them),
// walks the audit trail's chain under its key (FRAUDWALL_AUDIT_KEY_FILE) against the anchors
// (FRAUDWALL_AUDIT_ANCHOR_FILE), and exits 1 on any difference or the first damage.
import { ZonedCalendar } from '../../shared/time/zoned-calendar';
import { readConfig } from '../config';
import { verifyChain } from '../audit/audit-chain';
import { readAuditKey } from '../audit/audit-key';
import { readAnchors } from '../audit/chain-anchor';
import { verifyRollups } from '../aggregate/integrity';
import { PgAudit } from '../store/postgres/audit';
import { SqliteAudit } from '../store/sqlite/audit';
import { pgStoredRollups } from '../store/postgres/stored-rollups';
import { sqliteStoredRollups } from '../store/sqlite/stored-rollups';
import { withDatabase } from './configured-database';

const config = readConfig(process.env);
const calendar = new ZonedCalendar(config.timeZone);
const started = Date.now();
const key = readAuditKey(config.auditKeyFile);
const anchors = await readAnchors(config.auditAnchorFile);
const [report, chain] = await withDatabase(config, {
  sqlite: async (db) => [await verifyRollups(sqliteStoredRollups(db), calendar), await verifyChain(new SqliteAudit(db, key).records(), key, anchors)] as const,
  postgres: async (pool) => [await verifyRollups(pgStoredRollups(pool), calendar), await verifyChain(new PgAudit(pool, key).records(), key, anchors)] as const,
});
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (report.differences.length === 0) {
  process.stdout.write(`verify: OK — ${report.events} events recounted, every rollup matches (${seconds} s)\n`);
} else {
  process.stdout.write(`verify: ${report.differences.length} difference(s) after recounting ${report.events} events:\n`);
  for (const line of report.differences) process.stdout.write(`  ${line}\n`);
  process.exitCode = 1;
}
if (anchors.length === 0) process.stdout.write(`audit: no anchors in ${config.auditAnchorFile}: records removed from the end of the chain cannot be told\n`);
if (chain.broken === undefined) {
  const anchored = anchors.length === 0 ? '' : `; the newest of ${anchors.length} anchors still holds`;
  process.stdout.write(`audit: OK — ${chain.records} records, every one chained to the one before under the key${anchored}\n`);
} else {
  process.stdout.write(`audit: record ${chain.broken.seq} is broken: ${chain.broken.reason}\n`);
  process.exitCode = 1;
}
