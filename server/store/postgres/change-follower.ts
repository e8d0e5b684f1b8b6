// How a node's live state follows the change feed every node writes to (batch-transaction.ts).
// Tailing a sequence column would skip a batch whose transaction took its number early and
// committed late; instead each read takes only the changes of transactions whose ids lie below
// the oldest transaction still running (the snapshot's xmin) — those can no longer change — in
// transaction-id order, and the horizon moves up to that xmin. A basis read in one snapshot
// sets the horizon to the snapshot's xmin and remembers which later changes it already saw —
// by their position, never by transaction id: a feed restored into a new cluster (pg_dump and
// pg_restore for an upgrade or new hardware) holds the old cluster's ids, which the new one
// hands out again — so nothing is applied twice or missed across a basis. NOTIFY wakes every node at once; a
// slow timer covers a lost notification; a lost listening connection ends in a fresh basis.
import pg from 'pg';
import type { LiveChange } from '../../aggregate/live-change';
import { clientConfig } from './pool';
import { CHANGES_CHANNEL } from './batch-transaction';
import { transaction } from './transaction';

/** Changes applied per read at most; a longer backlog is read in several. */
const READ_LIMIT = 500;
/** Read this often even without a notification. */
const FALLBACK_READ_MS = 1_000;
/** How long a writer waits for its own change to come round before answering anyway. */
const CATCH_UP_PATIENCE_MS = 3_000;
const RECONNECT_MS = 1_000;
/** Changes older than this are deleted: a node away longer starts from a fresh basis anyway. */
export const CHANGE_RETENTION_MS = 15 * 60_000;

interface FeedRow {
  horizon: string;
  xid: string | null;
  pos: string | null;
  change: string | null;
}

export interface FollowerEvents {
  /** A change, in the order every node applies it. */
  readonly change: (change: LiveChange) => void;
  /** The feed may have been missed (the connection was lost): the live state must start again from a basis. */
  readonly resync: () => void;
}

export class ChangeFollower {
  /** Every change of a transaction below this id has been applied, none above it unless in #seen. */
  #horizon: bigint | undefined;
  /** Changes (by position, with their transaction id) at or above the horizon that the basis already held. */
  #seen = new Map<bigint, bigint>();
  #queue: Promise<unknown> = Promise.resolve();
  #readQueued = false;
  #waiters = new Set<{ xid: bigint; done: () => void }>();
  #listener: pg.Client | undefined;
  #timer: NodeJS.Timeout;
  #reconnect: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
    private readonly events: FollowerEvents,
  ) {
    this.#timer = setInterval(() => this.wake(), FALLBACK_READ_MS);
    void this.#listen();
  }

  /** Reads a basis inside one snapshot and starts following from exactly where it stands. */
  basis<T>(read: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.#serially(() =>
      transaction(this.pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => {
        const [snapshot] = (await client.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin')).rows;
        const seen = await client.query<{ xid: string; pos: string }>('SELECT xid::text, pos::text FROM changes WHERE xid >= $1::xid8', [snapshot!.xmin]);
        const result = await read(client);
        this.#horizon = BigInt(snapshot!.xmin);
        this.#seen = new Map(seen.rows.map((row) => [BigInt(row.pos), BigInt(row.xid)]));
        return result;
      }),
    );
  }

  /** Reads the feed soon (a notification came, or this node just committed). */
  wake(): void {
    if (this.#readQueued || this.#closed) return;
    this.#readQueued = true;
    void this.#serially(async () => {
      this.#readQueued = false;
      await this.#read();
      // A failed read (the database out of reach) is retried by the next wake or the timer; the
      // health check is what reports the database's trouble.
    }).catch(() => {});
  }

  /** Resolves once the change of transaction `xid` has been applied (or after a few seconds regardless). */
  caughtUp(xid: string): Promise<void> {
    const target = BigInt(xid);
    if (this.#horizon !== undefined && this.#horizon > target) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = { xid: target, done: () => {} };
      const timer = setTimeout(() => waiter.done(), CATCH_UP_PATIENCE_MS);
      waiter.done = () => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
        resolve();
      };
      this.#waiters.add(waiter);
      this.wake();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    clearTimeout(this.#reconnect);
    for (const waiter of [...this.#waiters]) waiter.done();
    await this.#queue.catch(() => {});
    await this.#listener?.end().catch(() => {});
  }

  async #read(): Promise<void> {
    if (this.#horizon === undefined) return;
    /** Where the last full page ended: the next one starts after it (one transaction's changes may span pages). */
    let after: { xid: string; pos: string } | undefined;
    for (;;) {
      const { rows }: pg.QueryResult<FeedRow> = await this.pool.query<FeedRow>(
        `WITH h AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS x)
         SELECT h.x::text AS horizon, c.xid::text AS xid, c.pos::text AS pos, c.change FROM h
         LEFT JOIN LATERAL (SELECT xid, pos, change FROM changes
           WHERE xid >= $1::xid8 AND xid < h.x AND ($3::xid8 IS NULL OR (xid, pos) > ($3::xid8, $4::bigint))
           ORDER BY xid, pos LIMIT $2) AS c ON true`,
        [this.#horizon.toString(), READ_LIMIT, after?.xid ?? null, after?.pos ?? null],
      );
      const found: FeedRow[] = rows.filter((row) => row.xid !== null);
      for (const row of found) {
        if (!this.#seen.has(BigInt(row.pos!))) this.events.change(JSON.parse(row.change!) as LiveChange);
      }
      const last = found[found.length - 1];
      if (found.length === READ_LIMIT && last) {
        // Part-way: the horizon moves up to the last transaction read, whose changes so far count as seen.
        this.#horizon = BigInt(last.xid!);
        for (const row of found) if (row.xid === last.xid) this.#seen.set(BigInt(row.pos!), this.#horizon);
        after = { xid: last.xid!, pos: last.pos! };
        continue;
      }
      this.#horizon = BigInt(rows[0]!.horizon);
      for (const [pos, xid] of this.#seen) if (xid < this.#horizon) this.#seen.delete(pos);
      for (const waiter of [...this.#waiters]) if (waiter.xid < this.#horizon) waiter.done();
      return;
    }
  }

  #serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => {});
    return next;
  }

  async #listen(): Promise<void> {
    if (this.#closed) return;
    const client = new pg.Client(clientConfig(this.url));
    const lost = () => {
      if (this.#listener !== client) return;
      this.#listener = undefined;
      client.removeAllListeners();
      void client.end().catch(() => {});
      this.#reconnect = setTimeout(() => void this.#listen(), RECONNECT_MS);
    };
    this.#listener = client;
    client.on('notification', () => this.wake());
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch {
      lost();
      return;
    }
    // Whatever happened while no one listened, the walls start again from what is stored.
    if (this.#horizon !== undefined) this.events.resync();
  }
}
