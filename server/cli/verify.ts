// npm run verify: the operator's integrity check. Recounts every rollup from the stored events
// (FRAUDWALL_DATABASE_URL's, else FRAUDWALL_DATA_DIR's; FRAUDWALL_TZ as the server uses them)
// and exits 1 on any difference.
import { ZonedCalendar } from '../../shared/time/zoned-calendar';
import { readConfig } from '../config';
import { verifyRollups } from '../store/integrity';
import { pgStoredRollups } from '../store/postgres/pg-stored-rollups';
import { sqliteStoredRollups } from '../store/sqlite-stored-rollups';
import { withDatabase } from './configured-database';

const config = readConfig(process.env);
const calendar = new ZonedCalendar(config.timeZone);
const started = Date.now();
const report = await withDatabase(config, {
  sqlite: (db) => verifyRollups(sqliteStoredRollups(db), calendar),
  postgres: (pool) => verifyRollups(pgStoredRollups(pool), calendar),
});
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (report.differences.length === 0) {
  process.stdout.write(`verify: OK — ${report.events} events recounted, every rollup matches (${seconds} s)\n`);
} else {
  process.stdout.write(`verify: ${report.differences.length} difference(s) after recounting ${report.events} events:\n`);
  for (const line of report.differences) process.stdout.write(`  ${line}\n`);
  process.exitCode = 1;
}
