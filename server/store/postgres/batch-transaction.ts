// PostgreSQL's side of a batch: one transaction that holds the cluster's write lock, reads what
// the plan needs in one statement, and writes the plan (batch-plan.ts) — events, projections,
// rollups, the money total and the batch's change to the walls in the feed every node follows —
// in one more, as array parameters. The lock makes the nodes commit one batch at a time, as
// SQLite's single writer does: a batch posted to two nodes at once finds the other's events
// stored, an operator's step sees the step before it, and the feed's transaction ids rise in
// commit order. Every round trip is time the lock is held, so there are few.
import type pg from 'pg';
import type { EscalationRecord } from '../../../shared/aggregate/records';
import type { ZonedCalendar } from '../../../shared/time/zoned-calendar';
import { collectLiveChange } from '../../aggregate/live-change';
import { batchKeys, planBatch, type BatchPlan } from '../../ingest/batch-plan';
import { DEAD_LETTER_BYTES_LIMIT, DEAD_LETTER_LIMIT, deadLettersOf, storedLetter } from '../../ingest/dead-letter';
import type { SortedBatch } from '../../ingest/incoming-batch';
import { contextsOf, toEscalation, type EscalationRow, type FirstContactRow, type WarningRow } from '../sql/projection-rows';
import { lockedTransaction, LOCKS } from './transaction';
import { WriteStatement } from './write-statement';

/** The channel a commit wakes every node's follower on. */
export const CHANGES_CHANNEL = 'fraudwall_changes';

export class PgBatchTransaction {
  /** The transaction's id, once it has written. */
  xid: string | undefined;

  private constructor(
    private readonly client: pg.PoolClient,
    private readonly calendar: ZonedCalendar,
  ) {}

  /** Runs `work` in a transaction holding the write lock; commits what it wrote, rolls back if it throws. */
  static run<T>(pool: pg.Pool, calendar: ZonedCalendar, work: (tx: PgBatchTransaction) => Promise<T>): Promise<{ result: T; xid: string | undefined }> {
    return lockedTransaction(pool, LOCKS.write, async (client) => {
      const tx = new PgBatchTransaction(client, calendar);
      const result = await work(tx);
      return { result, xid: tx.xid };
    });
  }

  /** The warning's latest escalation, as stored. */
  async escalationOf(warningId: string): Promise<EscalationRecord | undefined> {
    const { rows } = await this.client.query<EscalationRow>('SELECT * FROM escalations WHERE warning_id = $1 ORDER BY n DESC LIMIT 1', [warningId]);
    return rows[0] && toEscalation(rows[0]);
  }

  /** Plans the batch against what is stored and writes it, with its dead letters and its change. */
  async commit({ valid, invalid }: SortedBatch, receivedMs: number): Promise<BatchPlan> {
    const { ids, warningIds } = batchKeys(valid);
    const { rows } = await this.client.query<KnownRow>(KNOWN, [ids, warningIds]);
    const known = rows[0]!;
    const moneyBefore = known.money ?? 0;
    const plan = planBatch(
      valid,
      invalid,
      { bodies: new Map(known.bodies.map((row) => [row.id, row.body])), contexts: contextsOf(known.warnings, known.escalations, known.first_contacts), money: moneyBefore },
      this.calendar,
    );
    if (plan.applied.length > 0) this.xid = await this.#write(plan, receivedMs, moneyBefore);
    await this.#writeDeadLetters(plan, receivedMs);
    return plan;
  }

  async #rows<T extends pg.QueryResultRow>(sql: string, values: unknown[]): Promise<T[]> {
    return (await this.client.query<T>(sql, values)).rows;
  }

  /** Everything an applied batch changes, in one statement; answers the transaction's id. */
  async #write(plan: BatchPlan, receivedMs: number, moneyBefore: number): Promise<string> {
    const write = new WriteStatement();
    const events = plan.applied;
    write.insert(
      'INSERT INTO events (id, type, at_ms, day, county, warning_id, body, received_ms)',
      events,
      [
        ['text', ({ event }) => event.id],
        ['text', ({ event }) => event.type],
        ['bigint', ({ projection }) => projection.atMs],
        ['text', ({ projection }) => projection.day],
        ['text', ({ event }) => event.county],
        ['text', ({ event }) => ('warningId' in event ? (event.warningId ?? null) : null)],
        ['text', ({ body }) => body],
        ['bigint', () => receivedMs],
      ],
    );
    write.insert(
      'INSERT INTO warnings (id, county, day, bucket, at_ms, level, source, fraud_type, phone, name)',
      events.flatMap(({ projection }) => (projection.warning ? [projection.warning] : [])),
      [
        ['text', (w) => w.id],
        ['text', (w) => w.county],
        ['text', (w) => w.day],
        ['integer', (w) => w.bucket],
        ['bigint', (w) => w.atMs],
        ['text', (w) => w.level],
        ['text', (w) => w.source],
        ['text', (w) => w.fraudType],
        ['text', (w) => w.phone],
        ['text', (w) => w.name ?? null],
      ],
    );
    // One row may change several times in a batch; a statement may change it once: the last state wins.
    const latest = new Map<string, EscalationRecord>();
    for (const { projection: { escalation } } of events) if (escalation) latest.set(`${escalation.warningId}\u0000${escalation.n}`, escalation);
    write.insert(
      'INSERT INTO escalations (warning_id, n, county, opened_ms, stage, stage_ms, station, outcome, holder, grid, station_ms, grid_ms)',
      [...latest.values()],
      [
        ['text', (e) => e.warningId],
        ['integer', (e) => e.n],
        ['text', (e) => e.county],
        ['bigint', (e) => e.openedAtMs],
        ['text', (e) => e.stage],
        ['bigint', (e) => e.stageAtMs],
        ['text', (e) => e.station ?? null],
        ['text', (e) => e.outcome ?? null],
        ['text', (e) => e.holder ?? null],
        ['text', (e) => e.grid ?? null],
        ['bigint', (e) => e.stationAtMs ?? null],
        ['bigint', (e) => e.gridAtMs ?? null],
      ],
      `ON CONFLICT (warning_id, n) DO UPDATE SET county = excluded.county, opened_ms = excluded.opened_ms, stage = excluded.stage,
         stage_ms = excluded.stage_ms, station = excluded.station, outcome = excluded.outcome, holder = excluded.holder,
         grid = excluded.grid, station_ms = excluded.station_ms, grid_ms = excluded.grid_ms`,
    );
    const stations = new Map<string, { county: string; station: string; uses: number }>();
    for (const { event } of events) {
      if (event.type !== 'escalation' || event.station === undefined) continue;
      const key = `${event.county}\u0000${event.station}`;
      const entry = stations.get(key) ?? { county: event.county, station: event.station, uses: 0 };
      entry.uses++;
      stations.set(key, entry);
    }
    write.insert(
      'INSERT INTO stations (county, station, uses)',
      [...stations.values()],
      [
        ['text', (s) => s.county],
        ['text', (s) => s.station],
        ['integer', (s) => s.uses],
      ],
      'ON CONFLICT (county, station) DO UPDATE SET uses = stations.uses + excluded.uses',
    );
    const counters = (table: 'rollups' | 'rollups_monthly', key: 'day' | 'month', changes: readonly (readonly [string, string, string, number])[]) =>
      write.insert(
        `INSERT INTO ${table} (${key}, county, metric, value)`,
        changes,
        [
          ['text', (c) => c[0]],
          ['text', (c) => c[1]],
          ['text', (c) => c[2]],
          ['bigint', (c) => c[3]],
        ],
        `ON CONFLICT (${key}, county, metric) DO UPDATE SET value = ${table}.value + excluded.value`,
      );
    counters('rollups', 'day', plan.rollups.counterChanges());
    counters('rollups_monthly', 'month', plan.rollups.monthlyChanges());
    write.insert(
      'INSERT INTO volume (day, county, bucket, level, value)',
      plan.rollups.volumeChanges(),
      [
        ['text', (v) => v[0]],
        ['text', (v) => v[1]],
        ['integer', (v) => v[2]],
        ['text', (v) => v[3]],
        ['bigint', (v) => v[4]],
      ],
      'ON CONFLICT (day, county, bucket, level) DO UPDATE SET value = volume.value + excluded.value',
    );
    write.insert(
      'INSERT INTO type_volume (day, county, bucket, fraud_type, value)',
      plan.rollups.typeVolumeChanges(),
      [
        ['text', (v) => v[0]],
        ['text', (v) => v[1]],
        ['integer', (v) => v[2]],
        ['text', (v) => v[3]],
        ['bigint', (v) => v[4]],
      ],
      'ON CONFLICT (day, county, bucket, fraud_type) DO UPDATE SET value = type_volume.value + excluded.value',
    );
    if (plan.money !== moneyBefore) {
      write.insert('INSERT INTO money_total (id, value)', [plan.money], [
        ['integer', () => 1],
        ['bigint', (money) => money],
      ], 'ON CONFLICT (id) DO UPDATE SET value = excluded.value');
    }
    // pg_notify is delivered when the transaction commits, and only if it does.
    const { rows } = await this.client.query<{ xid: string }>(
      write.sql(`INSERT INTO changes (change) VALUES (${write.parameter('text', JSON.stringify(collectLiveChange(plan.applied, plan.rollups, receivedMs)))}) RETURNING xid::text AS xid`, `, pg_notify('${CHANGES_CHANNEL}', '')`),
      write.parameters,
    );
    return rows[0]!.xid;
  }

  async #writeDeadLetters(plan: BatchPlan, receivedMs: number): Promise<void> {
    const letters = deadLettersOf(plan.rejected, receivedMs);
    if (letters.length === 0) return;
    const [before] = await this.#rows<{ total: number }>('SELECT coalesce(max(bytes_through), 0) AS total FROM rejected', []);
    let through = before?.total ?? 0;
    const rows = letters.map((letter) => {
      const stored = storedLetter(letter);
      through += stored.bytes;
      return { letter, stored, through, county: countyOf(JSON.parse(stored.event)) };
    });
    const write = new WriteStatement();
    write.insert('INSERT INTO rejected (received_ms, idx, event_id, county, errors, event, bytes, bytes_through)', rows, [
      ['bigint', () => receivedMs],
      ['integer', (r) => r.letter.index],
      ['text', (r) => r.letter.id ?? null],
      ['text', (r) => r.county],
      ['text', (r) => r.stored.errors],
      ['text', (r) => r.stored.event],
      ['bigint', (r) => r.stored.bytes],
      ['bigint', (r) => r.through],
    ]);
    await this.client.query(write.sql(), write.parameters);
    await this.client.query(`DELETE FROM rejected WHERE seq <= (SELECT max(seq) FROM rejected) - ${DEAD_LETTER_LIMIT}`);
    if (through > DEAD_LETTER_BYTES_LIMIT) {
      // bytes_through is the running total of bytes ever stored: the oldest row reaching past
      // (total − cap) straddles the cut, so it goes with everything before it.
      await this.client.query('DELETE FROM rejected WHERE seq <= (SELECT seq FROM rejected WHERE bytes_through > $1 ORDER BY bytes_through LIMIT 1)', [
        through - DEAD_LETTER_BYTES_LIMIT,
      ]);
    }
  }
}

/** What a batch needs to know, read in one statement (JSON aggregates: one row). */
interface KnownRow {
  bodies: { id: string; body: string }[];
  warnings: WarningRow[];
  escalations: EscalationRow[];
  first_contacts: FirstContactRow[];
  money: number | null;
}

const KNOWN = `SELECT
  (SELECT coalesce(json_agg(json_build_object('id', id, 'body', body)), '[]') FROM events WHERE id = ANY($1::text[])) AS bodies,
  (SELECT coalesce(json_agg(w), '[]') FROM warnings w WHERE id = ANY($2::text[])) AS warnings,
  (SELECT coalesce(json_agg(e), '[]') FROM (
     SELECT DISTINCT ON (warning_id) * FROM escalations WHERE warning_id = ANY($2::text[]) ORDER BY warning_id, n DESC) e) AS escalations,
  (SELECT coalesce(json_agg(c), '[]') FROM (
     SELECT warning_id, min(at_ms) AS first FROM events WHERE warning_id = ANY($2::text[]) AND type = 'contact' GROUP BY warning_id) c) AS first_contacts,
  (SELECT value FROM money_total WHERE id = 1) AS money`;

/** The county a letter's stored form names, if it names one as text: a scope sees its own counties' letters. */
function countyOf(event: unknown): string | null {
  if (typeof event !== 'object' || event === null) return null;
  const county = (event as Record<string, unknown>)['county'];
  return typeof county === 'string' ? county : null;
}
