// `npm run demo` as a newcomer runs it: the real process, no variables but a free port and a
// temp data dir. It prints its URL and throwaway tokens, and its snapshot changes by itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/protocol/wall-state';
import { waitFor } from '../support/wait-for';

const dataDir = mkdtempSync(path.join(tmpdir(), 'fraudwall-demo-'));
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo process', () => {
  it('prints its URL and tokens, backfills, changes every few seconds, and stops cleanly on SIGTERM', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', FRAUDWALL_DATA_DIR: dataDir, FRAUDWALL_SIMULATE: '1', FRAUDWALL_SIMULATE_SPEED: '200', FRAUDWALL_SIMULATE_HISTORY_DAYS: '6', FRAUDWALL_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let out = '';
    proc.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));

    const url = await waitFor(() => {
      const match = /wall:\s+(http:\/\/\S+)/.exec(out);
      expect(match).not.toBeNull();
      return match![1]!;
    }, 30_000);
    expect(out).toMatch(/ingest token:\s+\S{16,}/);
    expect(out).toMatch(/operator token:\s+\S{16,}/);
    // Its printed accounts sign in: the operator's opens the console's list.
    const [, username, password] = /operator:\s+(demo\.operator) \/ (\S{16})/.exec(out) ?? [];
    const signedIn = await fetch(new URL('/api/v1/session', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    expect(signedIn.status).toBe(204);
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect((await fetch(new URL('/api/v1/escalations', url), { headers: { cookie } })).status).toBe(200);
    expect(out).toMatch(/admin:\s+demo\.admin \/ \S{16}/);

    const snapshot = async () => (await (await fetch(new URL('/api/v1/snapshot', url))).json()) as Snapshot;
    const first = await snapshot();
    expect(first.demo).toBe(true);
    // The whole demo runs on its own clock, FRAUDWALL_SIMULATE_SPEED times faster, and says so.
    expect(first.wall.clockRate).toBe(200);
    // Backfilled: yesterday is a whole simulated day.
    expect(first.yesterday.warnings).toBeGreaterThan(1_500);
    await waitFor(async () => {
      const later = await snapshot();
      expect(later.seq).toBeGreaterThan(first.seq);
      expect(later.today).not.toEqual(first.today);
    }, 15_000);

    // Behind the live wall, the history fills in and says how far it has come; at no time is an
    // open escalation older than 4 hours.
    const history = await waitFor(async () => {
      const s = await snapshot();
      for (const e of s.activeEscalations) expect(Date.parse(s.asOf) - Date.parse(e.openedAt)).toBeLessThan(4 * 3_600_000);
      expect(s.history?.complete).toBe(true);
      return s.history!;
    }, 30_000);

    // Today so far compares with yesterday at the same time of day (±25 % from 06:00 on).
    const now = await snapshot();
    const bucketNow = Math.max(...Object.keys(now.volume.today).map(Number));
    if (bucketNow >= 36) {
      let today = 0;
      for (const level of Object.values(now.volume.today)) today += level.high + level.medium + level.low;
      const yesterday = Object.entries(now.volume.yesterday).reduce((sum, [bucket, n]) => (Number(bucket) <= bucketNow ? sum + n : sum), 0);
      expect(Math.abs(today / yesterday - 1)).toBeLessThanOrEqual(0.25);
    }
    const stats = (await (await fetch(new URL(`/api/v1/stats?from=${history.from}&to=${history.to}`, url))).json()) as {
      totals: { warnings: number };
      buckets: { key: string; totals: { warnings: number } }[];
    };
    expect(stats.buckets).toHaveLength(6);
    for (const bucket of stats.buckets) expect(bucket.totals.warnings).toBeGreaterThan(1_200);

    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
