// The demo's clock. The whole demo server — its days, its midnight, the wall's clock, the
// simulated center — runs FRAUDWALL_SIMULATE_SPEED times faster than real time, so every day
// the demo stores is paced alike: today compares with yesterday hour by hour, a 10-minute
// bucket holds ten simulated minutes, and the history is as busy as the day on the wall.
//
// It carries on where the last run stopped (the time is kept in the data dir), so a restart
// never turns the clock back behind what is already stored, and never leaves a gap in the
// simulated days; once real time has caught up with it, it simply runs on from real time.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../clock';

const SAVE_EVERY_MS = 5_000;
const FILE = 'demo-clock.json';

export class DemoClock implements Clock {
  readonly #file: string;
  readonly #realStart: number;
  readonly #demoStart: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    dataDir: string,
    readonly rate: number,
    private readonly realNow: () => number = Date.now,
  ) {
    this.#file = path.join(dataDir, FILE);
    this.#realStart = realNow();
    this.#demoStart = Math.max(this.#realStart, savedTimeOf(this.#file) ?? 0);
  }

  now(): number {
    return this.#demoStart + (this.realNow() - this.#realStart) * this.rate;
  }

  /** Keeps the time in the data dir every few seconds (the data dir must exist). */
  start(): void {
    this.#timer ??= setInterval(() => this.#keep(), SAVE_EVERY_MS).unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#keep();
  }

  #keep(): void {
    try {
      this.save();
    } catch {
      // A full or read-only disk: the store's health check says so on every wall; the clock
      // is kept again once the disk takes writes.
    }
  }

  save(): void {
    // Written aside and renamed: a crash mid-write leaves the last good time, never half a file.
    const aside = `${this.#file}.tmp`;
    writeFileSync(aside, JSON.stringify({ demoTime: new Date(this.now()).toISOString() }));
    renameSync(aside, this.#file);
  }
}

function savedTimeOf(file: string): number | undefined {
  try {
    const { demoTime } = JSON.parse(readFileSync(file, 'utf8')) as { demoTime?: unknown };
    const ms = typeof demoTime === 'string' ? Date.parse(demoTime) : NaN;
    return Number.isFinite(ms) ? ms : undefined;
  } catch {
    return undefined;
  }
}
