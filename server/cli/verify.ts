// npm run verify: the operator's integrity check. Recounts every rollup from the stored events
// (FRAUDWALL_DATABASE_URL's, else FRAUDWALL_DATA_DIR's; FRAUDWALL_TZ as the server uses them)
// and exits 1 on any difference.
import { ZonedCalendar } from '../../shared/time/zoned-calendar';
import { readConfig } from '../config';
import { verifyRollups, type IntegrityReport } from '../store/integrity';
import { openDatabase } from '../store/open-database';
import { migrate } from '../store/postgres/pg-migrations';
import { openPool } from '../store/postgres/pg-pool';
import { pgStoredRollups } from '../store/postgres/pg-stored-rollups';
import { sqliteStoredRollups } from '../store/sqlite-stored-rollups';

const config = readConfig(process.env);
const calendar = new ZonedCalendar(config.timeZone);
const started = Date.now();

async function recount(): Promise<IntegrityReport> {
  if (config.databaseUrl !== undefined) {
    const pool = openPool(config.databaseUrl, 2, () => {});
    try {
      await migrate(pool);
      return await verifyRollups(pgStoredRollups(pool), calendar);
    } finally {
      await pool.end();
    }
  }
  const db = openDatabase(config.dataDir);
  try {
    return await verifyRollups(sqliteStoredRollups(db), calendar);
  } finally {
    db.close();
  }
}

const report = await recount();
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (report.differences.length === 0) {
  process.stdout.write(`verify: OK — ${report.events} events recounted, every rollup matches (${seconds} s)\n`);
} else {
  process.stdout.write(`verify: ${report.differences.length} difference(s) after recounting ${report.events} events:\n`);
  for (const line of report.differences) process.stdout.write(`  ${line}\n`);
  process.exitCode = 1;
}
