// playback_*: building the state as it was at a moment (issue 27's GET /api/v1/snapshot?at=) on a
// city's and a province's whole days — the demo's simulated days, the moment 23:59 last night, so
// the day counted again is a whole one and the day before it too (the busiest month's days are
// about 1.1 × these: the build grows with the events) — beside the bare read of the same two days' events in
// the same run (the build replays them through the projection and the histories of the open
// escalations besides).
//  playback_{city,province}_p50_ms / _max_ms   one snapshot?at= of the region, built afresh
//  playback_{city,province}_read_ms            the bare read of the two days' event bodies (better-sqlite3)
//  playback_{city,province}_events             events in those two days
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { createApp } from '../server/app/app';
import { readConfig } from '../server/config';
import { Random } from '../server/simulator/random';
import { SimulatedCenter } from '../server/simulator/simulated-center';
import { DATABASE_FILE } from '../server/store/sqlite/open-database';
import { regionPack, type RegionId } from '../shared/region';
import { addDays, ZonedCalendar } from '../shared/time/zoned-calendar';
import { percentile } from './percentile';

const ROUNDS = 5;

export async function playbackFigures(): Promise<Record<string, number>> {
  return { ...(await regionFigures('shaoxing', 'city')), ...(await regionFigures('zhejiang', 'province')) };
}

async function regionFigures(region: RegionId, name: string): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), `fraudwall-playback-${name}-`));
  const calendar = new ZonedCalendar('Asia/Shanghai');
  const today = calendar.dayKey(Date.now());
  const lastNight = calendar.startOfDay(today) - 60_000;
  const app = await createApp({
    config: readConfig({ PORT: '0', HOST: '127.0.0.1', FRAUDWALL_DATA_DIR: dir, FRAUDWALL_REGION: region, FRAUDWALL_INGEST_TOKEN: 'bench-playback-token' }),
    logger: pino({ level: 'silent' }),
  });
  const url = `http://127.0.0.1:${await app.listen()}`;
  try {
    // The demo's two whole days to last midnight.
    const center = new SimulatedCenter(regionPack(region), calendar, new Random(27), 'pb', calendar.startOfDay(addDays(today, -2)));
    const events = center.advance(lastNight + 60_000).map(({ simMs, body }) => ({ ...body, at: calendar.isoWithOffset(Math.round(simMs)) }));
    for (let i = 0; i < events.length; i += 5_000) {
      const counts = await app.pipeline.ingestEvents(events.slice(i, i + 5_000));
      if (counts.rejected > 0) throw new Error(`${counts.rejected} of the bench's events were refused`);
    }

    const builds: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // A moment of its own each round: a build is shared only by walls asking for the same one.
      const at = new Date(lastNight - round * 1_000).toISOString();
      const started = performance.now();
      const answer = await fetch(`${url}/api/v1/snapshot?at=${encodeURIComponent(at)}`);
      if (answer.status !== 200) throw new Error(`snapshot?at= answered ${answer.status}`);
      await answer.arrayBuffer();
      builds.push(performance.now() - started);
    }
    const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    const read = db.prepare('SELECT body FROM events WHERE day IN (?, ?) AND at_ms < ? ORDER BY seq').pluck();
    const started = performance.now();
    const bodies = read.all(addDays(today, -2), addDays(today, -1), lastNight + 1) as string[];
    const readMs = performance.now() - started;
    db.close();
    const round1 = (ms: number) => Number(ms.toFixed(1));
    return {
      [`playback_${name}_p50_ms`]: round1(percentile(builds, 50)),
      [`playback_${name}_max_ms`]: round1(Math.max(...builds)),
      [`playback_${name}_read_ms`]: round1(readMs),
      [`playback_${name}_vs_read`]: Number((percentile(builds, 50) / readMs).toFixed(1)),
      [`playback_${name}_events`]: bodies.length,
    };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
