// Erasing victims' data after the retention (issue 14), on SQLite: how fast the job erases a
// backlog, how long one chunk holds the writer (what ingest waits behind), and the checkpoint
// after — beside bare better-sqlite3 rewriting the same bodies in transactions of the same size,
// without secure_delete, measured in the same run.
//  erase_eps               events passed over per second by the job (2,000 per chunk)
//  erase_chunk_p50_ms, erase_chunk_p99_ms   one chunk's time on the writer
//  erase_bare_update_eps   the bare rewrite of the same rows
//  erase_vs_bare           erase_eps / erase_bare_update_eps
//  erase_compact_ms        the TRUNCATE checkpoint after the run
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { createApp } from '../server/app/app';
import { readConfig } from '../server/config';
import { withVictimErased } from '../server/retention/erase-victim';
import { DATABASE_FILE } from '../server/store/sqlite/open-database';
import type { FraudEvent } from '../shared/schema/events';
import { percentile } from './percentile';
import { makeEvents } from './simulated-events';

const EVENTS = 200_000;
const CHUNK = 2_000;
const DAY_MS = 86_400_000;

export async function retentionFigures(): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-bench-retention-'));
  try {
    const events = makeEvents(EVENTS, 7);
    const clock = { ms: Date.now(), rate: 0, now: () => clock.ms };
    const config = readConfig({ PORT: '0', HOST: '127.0.0.1', FRAUDWALL_DATA_DIR: dir });
    const app = await createApp({ config, logger: pino({ level: 'silent' }), clock });
    for (let i = 0; i < events.length; i += 5_000) await app.pipeline.ingest({ kind: 'events', events: events.slice(i, i + 5_000) });
    // Everything received half a year and a day ago.
    clock.ms += (config.piiRetentionDays + 1) * DAY_MS;
    const cutoff = clock.ms - config.piiRetentionDays * DAY_MS;
    const chunks: number[] = [];
    let passed = 0;
    const started = performance.now();
    for (;;) {
      const t = performance.now();
      const done = await app.store.erasePii(cutoff, CHUNK);
      chunks.push(performance.now() - t);
      if (done === 0) break;
      passed += done;
    }
    const eraseMs = performance.now() - started;
    const compactStarted = performance.now();
    await app.store.compactErased();
    const compactMs = performance.now() - compactStarted;
    await app.close();
    const bareEps = bareRewriteEps(path.join(dir, DATABASE_FILE));
    const eraseEps = passed / (eraseMs / 1000);
    return {
      erase_eps: Math.round(eraseEps),
      erase_chunk_p50_ms: Number(percentile(chunks, 50).toFixed(1)),
      erase_chunk_p99_ms: Number(percentile(chunks, 99).toFixed(1)),
      erase_bare_update_eps: Math.round(bareEps),
      erase_vs_bare: Number((eraseEps / bareEps).toFixed(3)),
      erase_compact_ms: Math.round(compactMs),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same bodies rewritten by bare better-sqlite3, `CHUNK` rows a transaction: the floor of the job's work. */
function bareRewriteEps(file: string): number {
  const db = new Database(file);
  const rows = db.prepare<[], { seq: number; body: string }>('SELECT seq, body FROM events ORDER BY seq').all();
  const update = db.prepare<[string, number]>('UPDATE events SET body = ? WHERE seq = ?');
  const rewrite = db.transaction((chunk: typeof rows) => {
    for (const { seq, body } of chunk) update.run(JSON.stringify(withVictimErased(JSON.parse(body) as FraudEvent)), seq);
  });
  const started = performance.now();
  for (let i = 0; i < rows.length; i += CHUNK) rewrite(rows.slice(i, i + CHUNK));
  const eps = rows.length / ((performance.now() - started) / 1000);
  db.close();
  return eps;
}
