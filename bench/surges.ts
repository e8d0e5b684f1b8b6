// surge_*: the minute's surge count at the province's size (issue 26), beside its baseline in the
// same run. The store holds nine weeks of the province's warnings by 10-minute bucket, county and
// fraud type (type_volume, as busy as the demo's province: about 110,000 warnings a day), written
// straight into the SQLite file before the server starts.
//  surge_read_p50_ms / _p99_ms     one count: the last hour and the same hour of eight weeks
//                                  before, for 101 places × 10 types, and the rule applied
//  surge_baseline_p50_ms / _p99_ms the baseline: one batch of 100 warnings posted and committed
//                                  (what the same writer thread does many times a minute)
//  surge_rows                      rows of type_volume the count reads from
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { regionPack } from '../shared/region';
import { FRAUD_TYPES } from '../shared/vocabulary';
import { addDays, ZonedCalendar } from '../shared/time/zoned-calendar';
import { DATABASE_FILE } from '../server/store/sqlite/open-database';
import { percentile } from './percentile';
import { startProvince, TOKEN } from './province';

const ROUNDS = 30;
const DAYS = 63;
const PROVINCE = regionPack('zhejiang');

export async function surgeFigures(): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-surges-'));
  // Started once to create the schema, then filled while it is stopped.
  const first = await startProvince(dir);
  await first.app.close();
  const rows = fillTypeVolume(path.join(dir, DATABASE_FILE));
  const { app, url } = await startProvince(dir);
  const reads: number[] = [];
  const batches: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      let started = performance.now();
      await app.surges.read();
      reads.push(performance.now() - started);
      const at = new Date().toISOString();
      const batch = Array.from({ length: 100 }, (_, i) => ({
        id: `bench-surge-${round}-${i}`,
        type: 'warning',
        at,
        county: PROVINCE.counties[i % PROVINCE.counties.length]!.adcode,
        source: 'province',
        level: 'low',
        fraudType: FRAUD_TYPES[i % FRAUD_TYPES.length],
        victim: { phone: '13800000000' },
      }));
      started = performance.now();
      const answer = await fetch(`${url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(batch) });
      if (answer.status !== 200) throw new Error(`ingest answered ${answer.status}`);
      batches.push(performance.now() - started);
    }
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const round1 = (ms: number) => Number(ms.toFixed(1));
  return {
    surge_read_p50_ms: round1(percentile(reads, 50)),
    surge_read_p99_ms: round1(percentile(reads, 99)),
    surge_baseline_p50_ms: round1(percentile(batches, 50)),
    surge_baseline_p99_ms: round1(percentile(batches, 99)),
    surge_read_vs_batch_p50: Number((percentile(reads, 50) / percentile(batches, 50)).toFixed(2)),
    surge_rows: rows,
  };
}

/** Nine weeks to today of the province's warnings by bucket, county and type: each county's share of 110,000 a day. */
function fillTypeVolume(file: string): number {
  const db = new Database(file);
  const calendar = new ZonedCalendar('Asia/Shanghai');
  const today = calendar.dayKey(Date.now());
  const insert = db.prepare('INSERT OR REPLACE INTO type_volume (day, county, bucket, fraud_type, value) VALUES (?, ?, ?, ?, ?)');
  let rows = 0;
  let seed = 1;
  const random = () => ((seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647);
  db.transaction(() => {
    for (let d = DAYS; d >= 0; d--) {
      const day = addDays(today, -d);
      for (const county of PROVINCE.counties) {
        for (let bucket = 0; bucket < 144; bucket++) {
          for (const type of FRAUD_TYPES) {
            // ≈ 110,000 / 90 counties / 144 buckets / 10 types ≈ 0.85 a row: most rows exist, some do not.
            const value = Math.floor(random() * 2.2);
            if (value === 0) continue;
            insert.run(day, county.adcode, bucket, type, value);
            rows++;
          }
        }
      }
    }
  })();
  db.close();
  return rows;
}
