// The feeds' last arrivals and usual silences in PostgreSQL (issue 26), written by whichever node
// accepted the events: the previous arrival is read under the row's lock, so two nodes' arrivals
// each see the one before them.
import type pg from 'pg';
import { FEED_WEEKS, type FeedTable } from '../../feeds/feeds-api';
import { feedStatements } from '../sql/feed-sql';
import { transaction } from './transaction';

const SQL = feedStatements((n) => `$${n}`);

export class PgFeeds implements FeedTable {
  constructor(private readonly pool: pg.Pool) {}

  arrive(source: string, atMs: number): Promise<number | undefined> {
    return transaction(this.pool, 'BEGIN', async (client) => {
      const { rows } = await client.query<{ lastMs: string }>(`${SQL.last} FOR UPDATE`, [source]);
      await client.query(SQL.arrive, [source, atMs]);
      return rows[0] ? Number(rows[0].lastMs) : undefined;
    });
  }

  async noteGap(source: string, week: number, hour: number, gapMs: number): Promise<void> {
    await this.pool.query(SQL.noteGap, [source, week, hour, gapMs]);
    await this.pool.query(SQL.sweep, [week - FEED_WEEKS]);
  }

  async rows(fromWeek: number) {
    const feeds = await this.pool.query<{ source: string; lastMs: string }>(SQL.feeds);
    const gaps = await this.pool.query<{ source: string; week: number; hour: number; longestMs: string }>(SQL.gaps, [fromWeek]);
    return {
      feeds: feeds.rows.map((row) => ({ source: row.source, lastMs: Number(row.lastMs) })),
      gaps: gaps.rows.map((row) => ({ ...row, longestMs: Number(row.longestMs) })),
    };
  }
}
