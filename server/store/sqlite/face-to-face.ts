// SQLite's answer to the face-to-face reads (face-to-face-query.ts), for the counties given as
// one JSON array, through the index of resolved escalations by when they were reported back.
import type { Database, Statement } from 'better-sqlite3';
import { byWhoSql, stationMinutesSql, type ByWhoRow, type FaceToFaceSource, type StationMinutesRow } from '../../stats/face-to-face-query';

const COUNTY_IN = 'county IN (SELECT value FROM json_each(?))';

export class SqliteFaceToFace implements FaceToFaceSource {
  readonly #byWho: Statement<[number, number, string], ByWhoRow>;
  readonly #stationMinutes: Statement<[number, number, string], StationMinutesRow>;

  constructor(db: Database) {
    this.#byWho = db.prepare(byWhoSql('?', '?', COUNTY_IN));
    this.#stationMinutes = db.prepare(stationMinutesSql('?', '?', COUNTY_IN));
  }

  byWho(fromMs: number, toMs: number, counties: readonly string[]): ByWhoRow[] {
    return this.#byWho.all(fromMs, toMs, JSON.stringify(counties));
  }

  stationMinutes(fromMs: number, toMs: number, counties: readonly string[]): StationMinutesRow[] {
    return this.#stationMinutes.all(fromMs, toMs, JSON.stringify(counties));
  }
}
