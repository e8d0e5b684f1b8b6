// npm run verify: the operator's integrity check. Recounts every rollup from the stored events
// (FRAUDWALL_DATA_DIR, FRAUDWALL_TZ as the server uses them) and exits 1 on any difference.
import { ZonedCalendar } from '../../shared/time/zoned-calendar';
import { readConfig } from '../config';
import { verifyRollups } from '../store/integrity';
import { openDatabase } from '../store/open-database';

const config = readConfig(process.env);
const db = openDatabase(config.dataDir);
const started = Date.now();
const report = verifyRollups(db, new ZonedCalendar(config.timeZone));
db.close();
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (report.differences.length === 0) {
  process.stdout.write(`verify: OK — ${report.events} events recounted, every rollup matches (${seconds} s)\n`);
} else {
  process.stdout.write(`verify: ${report.differences.length} difference(s) after recounting ${report.events} events:\n`);
  for (const line of report.differences) process.stdout.write(`  ${line}\n`);
  process.exitCode = 1;
}
