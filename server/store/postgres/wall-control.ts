// The walls' scenes and playlists in PostgreSQL: each change is written with its entry in the
// change feed, in one transaction, so every node's walls hear of it within the feed's second
// (NOTIFY, usually at once) — and this node's before the write is answered.
import type pg from 'pg';
import { CONTROL_CHANGE } from '../../aggregate/live-change';
import type { WallControlTable } from '../../walls/wall-control-api';
import { wallControlStatements } from '../sql/wall-control-sql';
import { CHANGES_CHANNEL } from './batch-transaction';
import type { ChangeFollower } from './change-follower';
import { lockedTransaction, LOCKS } from './transaction';

const SQL = wallControlStatements((n) => `$${n}`);

export class PgWallControl implements WallControlTable {
  constructor(
    private readonly pool: pg.Pool,
    private readonly follower: ChangeFollower,
  ) {}

  async rows(nowMs: number) {
    const scenes = await this.pool.query<{ key: string; body: string }>(SQL.scenes, [nowMs]);
    const playlists = await this.pool.query<{ body: string }>(SQL.playlists);
    return { scenes: scenes.rows, playlists: playlists.rows };
  }

  putScene(key: string, body: string, untilMs: number, nowMs: number): Promise<void> {
    return this.#changed(async (client) => {
      await client.query(SQL.sweep, [nowMs]);
      await client.query(SQL.putScene, [key, body, untilMs]);
    });
  }

  removeScene(key: string, nowMs: number): Promise<void> {
    return this.#changed(async (client) => {
      await client.query(SQL.sweep, [nowMs]);
      await client.query(SQL.removeScene, [key]);
    });
  }

  putPlaylist(scope: string, body: string): Promise<void> {
    return this.#changed((client) => client.query(SQL.putPlaylist, [scope, body]));
  }

  removePlaylist(scope: string): Promise<void> {
    return this.#changed((client) => client.query(SQL.removePlaylist, [scope]));
  }

  /** `write`, and the feed's entry that tells every node, in one transaction under the write lock. */
  async #changed(write: (client: pg.PoolClient) => Promise<unknown>): Promise<void> {
    const xid = await lockedTransaction(this.pool, LOCKS.write, async (client) => {
      await write(client);
      const { rows } = await client.query<{ xid: string }>(
        `INSERT INTO changes (change) VALUES ($1) RETURNING xid::text AS xid, pg_notify('${CHANGES_CHANNEL}', '')`,
        [JSON.stringify(CONTROL_CHANGE)],
      );
      return rows[0]!.xid;
    });
    await this.follower.caughtUp(xid);
  }
}
