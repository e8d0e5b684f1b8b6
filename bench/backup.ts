// npm run backup on the demo's two-year history (issue 24), taken while the server takes ingest
// at the demo's 20 events/s: how long it takes and how fast it reads, beside a plain file copy
// of the same bytes in the same run, and what the server's walls' thread and ingest feel
// meanwhile, beside the same ingest with no backup running just before.
//  backup_s_2y, backup_mb_2y          the whole command: copy, integrity check, audit chain, SHA-256
//  backup_mb_per_s, file_copy_mb_per_s, backup_vs_file_copy   its rate beside copyFileSync's
//  backup_eventloop_p99_ms, backup_ingest_p99_ms               the server during the backup
//  baseline_eventloop_p99_ms, baseline_ingest_p99_ms           the server during as long a spell without
//  backup_ingest_errors               ingest answers other than 200 during the backup
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventLoop, fillHistory, INGEST, startServer } from './busy-room';
import { percentile } from './percentile';
import { makeEvents } from './simulated-events';

const EVENTS_PER_SECOND = 20;
const MB = 1_048_576;

export async function backupFigures(historyDir?: string): Promise<Record<string, number>> {
  const work = mkdtempSync(path.join(tmpdir(), 'fraudwall-bench-backup-'));
  try {
    const dataDir = path.join(work, 'data');
    if (historyDir) cpSync(historyDir, dataDir, { recursive: true });
    else await fillHistory(dataDir);
    const server = await startServer(dataDir);
    try {
      const out = path.join(work, 'fraudwall.backup');
      let backupMs = 0;
      const during = await underIngest(server.url, async () => {
        const started = performance.now();
        const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/backup.ts', '--out', out], { env: { ...process.env, FRAUDWALL_DATA_DIR: dataDir }, stdio: 'inherit' });
        const [code] = (await once(child, 'exit')) as [number | null];
        if (code !== 0) throw new Error(`the backup failed (exit ${code})`);
        backupMs = performance.now() - started;
      });
      const baseline = await underIngest(server.url, () => new Promise((r) => setTimeout(r, backupMs)));
      const bytes = statSync(out).size;
      const copyStarted = performance.now();
      copyFileSync(out, path.join(work, 'plain.copy'));
      const copyMs = performance.now() - copyStarted;
      const backupRate = bytes / MB / (backupMs / 1000);
      const copyRate = bytes / MB / (copyMs / 1000);
      return {
        backup_s_2y: Number((backupMs / 1000).toFixed(1)),
        backup_mb_2y: Math.round(bytes / MB),
        backup_mb_per_s: Math.round(backupRate),
        file_copy_mb_per_s: Math.round(copyRate),
        backup_vs_file_copy: Number((backupRate / copyRate).toFixed(3)),
        backup_eventloop_p99_ms: during.eventLoopP99Ms,
        baseline_eventloop_p99_ms: baseline.eventLoopP99Ms,
        backup_ingest_p99_ms: during.ingestP99Ms,
        backup_ingest_errors: during.errors,
        baseline_ingest_p99_ms: baseline.ingestP99Ms,
      };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Posts one event at a time at the demo's rate while `work` runs; the server's event-loop p99 and ingest p99 over that spell. */
async function underIngest(url: string, work: () => Promise<void>): Promise<{ eventLoopP99Ms: number; ingestP99Ms: number; errors: number }> {
  const events = makeEvents(100_000, 24);
  const latencies: number[] = [];
  let errors = 0;
  let running = true;
  await eventLoop(url);
  const poster = (async () => {
    for (let i = 0; running; i++) {
      const started = performance.now();
      const answer = await fetch(`${url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${INGEST}`, 'content-type': 'application/json' },
        body: JSON.stringify(events[i % events.length]),
      });
      await answer.arrayBuffer();
      if (answer.status !== 200) errors++;
      latencies.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 / EVENTS_PER_SECOND - (performance.now() - started))));
    }
  })();
  await work();
  running = false;
  await poster;
  const loop = await eventLoop(url);
  return { eventLoopP99Ms: Number(loop.p99Ms.toFixed(1)), ingestP99Ms: Number(percentile(latencies, 99).toFixed(1)), errors };
}
