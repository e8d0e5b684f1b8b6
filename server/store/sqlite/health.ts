// Does a write still reach a file that will survive? SQLite keeps writing happily into a
// database file that was deleted (the open inode lives on until the process ends) or onto a
// disk with a few kilobytes left, so health is checked here against the file system itself:
// the path still names the file we opened, the WAL is still ours, a small write commits, a
// checkpoint runs, and the disk keeps a reserve.
import { statfsSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { Unwritable } from '../errors';
import type { StoreHealth } from '../../http/health-route';

/** Free space kept in reserve: a 10,000-event batch and its WAL frames fit with room to spare. */
const RESERVE_BYTES = 64 * 1024 * 1024;
/** …or this share of a small disk. */
const RESERVE_SHARE = 0.1;
/** The audit trail stops writing at this many reserves free. */
const AUDIT_RESERVE_FACTOR = 2;

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

const PROBE_BUSY_TIMEOUT_MS = 500;

interface Identity {
  readonly dev: number;
  readonly ino: number;
}

const identity = (stats: Stats): Identity => ({ dev: stats.dev, ino: stats.ino });
const same = (a: Identity, b: Identity) => a.dev === b.dev && a.ino === b.ino;

export class HealthMonitor {
  readonly #db: Database;
  readonly #file: string;
  readonly #opened: Identity;
  #wal: Identity | undefined;
  readonly #probe;
  #health: StoreHealth = { ok: true };

  constructor(db: Database, file: string) {
    this.#db = db;
    this.#file = file;
    this.#opened = identity(statSync(file));
    this.#probe = db.prepare<[string]>("INSERT INTO meta (key, value) VALUES ('health.probe', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  }

  get health(): StoreHealth {
    return this.#health;
  }

  /** Runs every check, including a real write and a checkpoint. */
  check(): StoreHealth {
    const problem = this.#fileProblem() ?? this.#diskProblem() ?? this.#writeProblem();
    this.#health = problem === undefined ? { ok: true } : { ok: false, problem };
    return this.#health;
  }

  /**
   * Before a write: look again at the files (cheap), so a deletion is caught at once; while
   * health is bad, check everything again, so a passing fault clears with the next write.
   */
  assertWritable(): void {
    const problem = this.#health.ok ? this.#fileProblem() : this.check().problem;
    if (problem !== undefined) {
      this.#health = { ok: false, problem };
      // Nothing is acknowledged into a file that will not survive.
      throw new Unwritable(problem);
    }
  }

  /** A write failed: health is bad until the next check's own write proves otherwise. */
  writeFailed(error: unknown): void {
    this.#health = { ok: false, problem: `a write failed: ${error instanceof Error ? error.message : String(error)}` };
  }

  #fileProblem(): string | undefined {
    const now = this.#statOrUndefined(this.#file);
    if (now === undefined) return 'the database file was removed';
    if (!same(now, this.#opened)) return 'the database file was replaced';
    const wal = this.#statOrUndefined(`${this.#file}-wal`);
    if (wal === undefined) return this.#wal === undefined ? undefined : 'the write-ahead log was removed';
    if (this.#wal !== undefined && !same(wal, this.#wal)) return 'the write-ahead log was replaced';
    this.#wal = wal;
    return undefined;
  }

  /**
   * Before an audit record (issue 22): the audit trail stops at twice the reserve, so however
   * many records anyone makes it write, the last of the disk stays ingest's.
   */
  assertAuditRoom(): void {
    const { free, reserve } = this.#room();
    if (free < AUDIT_RESERVE_FACTOR * reserve) {
      throw new Unwritable(`the disk keeps its last ${mib(AUDIT_RESERVE_FACTOR * reserve)} MiB for ingest, and the audit trail may not take them (${mib(free)} MiB free)`);
    }
  }

  #room(): { free: number; reserve: number } {
    const fs = statfsSync(path.dirname(this.#file));
    return { free: fs.bavail * fs.bsize, reserve: Math.min(RESERVE_BYTES, fs.blocks * fs.bsize * RESERVE_SHARE) };
  }

  #diskProblem(): string | undefined {
    try {
      const { free, reserve } = this.#room();
      if (free < reserve) return `the disk is full (${mib(free)} MiB free)`;
      return undefined;
    } catch (error) {
      return `the disk cannot be checked: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  #writeProblem(): string | undefined {
    // The probe waits for a lock briefly, not the writes' five seconds: a stuck lock shows at once.
    const patience = this.#db.pragma('busy_timeout', { simple: true }) as number;
    this.#db.pragma(`busy_timeout = ${PROBE_BUSY_TIMEOUT_MS}`);
    try {
      this.#probe.run(new Date().toISOString());
    } catch (error) {
      return `a write failed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.#db.pragma(`busy_timeout = ${patience}`);
    }
    try {
      this.#db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      return `a checkpoint failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    return undefined;
  }

  #statOrUndefined(file: string): Identity | undefined {
    try {
      return identity(statSync(file));
    } catch {
      return undefined;
    }
  }
}
