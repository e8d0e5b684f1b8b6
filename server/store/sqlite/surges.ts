// The surges' counts and the day's episodes in SQLite (issue 26).
import type { Database } from 'better-sqlite3';
import type { SurgeEpisode, SurgeTable } from '../../surges/surges-api';
import { surgeStatements } from '../sql/surge-sql';

export class SqliteSurges implements SurgeTable {
  readonly #typeVolume;
  readonly #record;
  readonly #ofDay;

  constructor(db: Database) {
    const sql = surgeStatements(() => '?');
    this.#typeVolume = db.prepare<[string, number, number], { county: string; fraudType: string; count: number }>(sql.typeVolume);
    this.#record = db.prepare<[string, string, string, number, number, number, number]>(sql.record);
    this.#ofDay = db.prepare<[string], SurgeEpisode>(sql.ofDay);
  }

  typeVolume(day: string, from: number, to: number) {
    return this.#typeVolume.all(day, from, to);
  }

  record(day: string, scope: string, fraudType: string, sinceMs: number, count: number, baseline: number, nowMs: number): void {
    this.#record.run(day, scope, fraudType, sinceMs, count, baseline, nowMs);
  }

  ofDay(day: string): SurgeEpisode[] {
    return this.#ofDay.all(day);
  }
}
