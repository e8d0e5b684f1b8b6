// The surges' counts and the day's episodes in PostgreSQL (issue 26): every node notes the surges
// it sees, and the upsert keeps the earliest start and the largest count whichever node wrote.
import type pg from 'pg';
import type { SurgeEpisode, SurgeTable } from '../../surges/surges-api';
import type { FraudType } from '../../../shared/vocabulary';
import { surgeStatements } from '../sql/surge-sql';

const SQL = surgeStatements((n) => `$${n}`);

export class PgSurges implements SurgeTable {
  constructor(private readonly pool: pg.Pool) {}

  async typeVolume(day: string, from: number, to: number) {
    const { rows } = await this.pool.query<{ county: string; fraudType: string; count: string }>(SQL.typeVolume, [day, from, to]);
    return rows.map((row) => ({ ...row, count: Number(row.count) }));
  }

  async record(day: string, scope: string, fraudType: string, sinceMs: number, count: number, baseline: number, nowMs: number): Promise<void> {
    await this.pool.query(SQL.record, [day, scope, fraudType, sinceMs, count, baseline, nowMs]);
  }

  async ofDay(day: string): Promise<SurgeEpisode[]> {
    const { rows } = await this.pool.query<{ scope: string; fraudType: FraudType; sinceMs: string; peak: number; baseline: number; lastMs: string }>(SQL.ofDay, [day]);
    return rows.map((row) => ({ ...row, sinceMs: Number(row.sinceMs), lastMs: Number(row.lastMs) }));
  }
}
