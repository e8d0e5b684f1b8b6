// The feeds' last arrivals and usual silences in SQLite (issue 26).
import type { Database } from 'better-sqlite3';
import { FEED_WEEKS, type FeedTable } from '../../feeds/feeds-api';
import { feedStatements } from '../sql/feed-sql';

export class SqliteFeeds implements FeedTable {
  readonly #last;
  readonly #arrive;
  readonly #noteGap;
  readonly #sweep;
  readonly #feeds;
  readonly #gaps;

  constructor(db: Database) {
    const sql = feedStatements(() => '?');
    this.#last = db.prepare<[string], { lastMs: number }>(sql.last);
    this.#arrive = db.prepare<[string, number]>(sql.arrive);
    this.#noteGap = db.prepare<[string, number, number, number]>(sql.noteGap);
    this.#sweep = db.prepare<[number]>(sql.sweep);
    this.#feeds = db.prepare<[], { source: string; lastMs: number }>(sql.feeds);
    this.#gaps = db.prepare<[number], { source: string; week: number; hour: number; longestMs: number }>(sql.gaps);
  }

  arrive(source: string, atMs: number): number | undefined {
    // One writer: nothing comes between the read and the write.
    const before = this.#last.get(source)?.lastMs;
    this.#arrive.run(source, atMs);
    return before;
  }

  noteGap(source: string, week: number, hour: number, gapMs: number): void {
    this.#noteGap.run(source, week, hour, gapMs);
    this.#sweep.run(week - FEED_WEEKS);
  }

  rows(fromWeek: number) {
    return { feeds: this.#feeds.all(), gaps: this.#gaps.all(fromWeek) };
  }
}
