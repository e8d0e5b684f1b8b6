// PostgreSQL's side of a batch: one transaction that holds the cluster's write lock, reads what
// the plan needs, writes the plan (batch-plan.ts) in a few array statements, and records the
// batch's change to the walls in the change feed every node follows. The lock makes the nodes
// commit one batch at a time, as SQLite's single writer does: a batch posted to two nodes at once
// finds the other's events stored, an operator's step sees the step before it, and the feed's
// transaction ids rise in commit order.
import type pg from 'pg';
import type { EscalationRecord } from '../../../shared/aggregate/records';
import type { ZonedCalendar } from '../../../shared/time/zoned-calendar';
import { collectLiveChange } from '../../aggregate/live-change';
import { batchKeys, planBatch, type BatchPlan } from '../batch-plan';
import { DEAD_LETTER_BYTES_LIMIT, DEAD_LETTER_LIMIT, deadLettersOf, storedLetter } from '../dead-letter';
import type { SortedBatch } from '../incoming-batch';
import { contextsOf, toEscalation, type EscalationRow, type FirstContactRow, type WarningRow } from '../projection-rows';

/** The advisory lock key every write transaction holds (any constant no other lock of ours uses). */
const WRITE_LOCK = 7_301_002;
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
  static async run<T>(pool: pg.Pool, calendar: ZonedCalendar, work: (tx: PgBatchTransaction) => Promise<T>): Promise<{ result: T; xid: string | undefined }> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // Taken before the first write, so the transaction id is assigned in lock order.
      await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      const tx = new PgBatchTransaction(client, calendar);
      const result = await work(tx);
      await client.query('COMMIT');
      return { result, xid: tx.xid };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /** The warning's latest escalation, as stored. */
  async escalationOf(warningId: string): Promise<EscalationRecord | undefined> {
    const { rows } = await this.client.query<EscalationRow>('SELECT * FROM escalations WHERE warning_id = $1 ORDER BY n DESC LIMIT 1', [warningId]);
    return rows[0] && toEscalation(rows[0]);
  }

  /** Plans the batch against what is stored and writes it, with its dead letters and its change. */
  async commit({ valid, invalid }: SortedBatch, receivedMs: number): Promise<BatchPlan> {
    const { ids, warningIds } = batchKeys(valid);
    // One connection answers one statement at a time: read in turn.
    const bodies = await this.#rows<{ id: string; body: string }>('SELECT id, body FROM events WHERE id = ANY($1::text[])', [ids]);
    const warnings = await this.#rows<WarningRow>('SELECT * FROM warnings WHERE id = ANY($1::text[])', [warningIds]);
    const escalations = await this.#rows<EscalationRow>(
      'SELECT DISTINCT ON (warning_id) * FROM escalations WHERE warning_id = ANY($1::text[]) ORDER BY warning_id, n DESC',
      [warningIds],
    );
    const firstContacts = await this.#rows<FirstContactRow>(
      "SELECT warning_id, min(at_ms) AS first FROM events WHERE warning_id = ANY($1::text[]) AND type = 'contact' GROUP BY warning_id",
      [warningIds],
    );
    const money = await this.#rows<{ value: number }>('SELECT value FROM money_total WHERE id = 1', []);
    const moneyBefore = money[0]?.value ?? 0;
    const plan = planBatch(
      valid,
      invalid,
      { bodies: new Map(bodies.map((row) => [row.id, row.body])), contexts: contextsOf(warnings, escalations, firstContacts), money: moneyBefore },
      this.calendar,
    );
    if (plan.applied.length > 0) {
      await this.#writeEvents(plan, receivedMs);
      await this.#writeRollups(plan);
      if (plan.money !== moneyBefore) {
        await this.client.query('INSERT INTO money_total (id, value) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET value = excluded.value', [plan.money]);
      }
      const { rows } = await this.client.query<{ xid: string }>(
        'INSERT INTO changes (change) VALUES ($1) RETURNING xid::text',
        [JSON.stringify(collectLiveChange(plan.applied, plan.rollups))],
      );
      this.xid = rows[0]?.xid;
      // Delivered when the transaction commits, and only if it does.
      await this.client.query(`NOTIFY ${CHANGES_CHANNEL}`);
    }
    await this.#writeDeadLetters(plan, receivedMs);
    return plan;
  }

  async #rows<T extends pg.QueryResultRow>(sql: string, values: unknown[]): Promise<T[]> {
    return (await this.client.query<T>(sql, values)).rows;
  }

  async #writeEvents(plan: BatchPlan, receivedMs: number): Promise<void> {
    const events = plan.applied;
    await this.client.query(
      `INSERT INTO events (id, type, at_ms, day, county, warning_id, body, received_ms)
       SELECT e.*, $8 FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[]) AS e`,
      [
        events.map(({ event }) => event.id),
        events.map(({ event }) => event.type),
        events.map(({ projection }) => projection.atMs),
        events.map(({ projection }) => projection.day),
        events.map(({ event }) => event.county),
        events.map(({ event }) => ('warningId' in event ? (event.warningId ?? null) : null)),
        events.map(({ body }) => body),
        receivedMs,
      ],
    );
    const warnings = events.flatMap(({ projection }) => (projection.warning ? [projection.warning] : []));
    if (warnings.length > 0) {
      await this.client.query(
        `INSERT INTO warnings (id, county, day, bucket, at_ms, level, source, fraud_type, phone, name)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])`,
        [
          warnings.map((w) => w.id),
          warnings.map((w) => w.county),
          warnings.map((w) => w.day),
          warnings.map((w) => w.bucket),
          warnings.map((w) => w.atMs),
          warnings.map((w) => w.level),
          warnings.map((w) => w.source),
          warnings.map((w) => w.fraudType),
          warnings.map((w) => w.phone),
          warnings.map((w) => w.name ?? null),
        ],
      );
    }
    // One row may change several times in a batch; a statement may change it once: the last state wins.
    const latest = new Map<string, EscalationRecord>();
    for (const { projection } of events) if (projection.escalation) latest.set(`${projection.escalation.warningId}\u0000${projection.escalation.n}`, projection.escalation);
    if (latest.size > 0) {
      const escalations = [...latest.values()];
      await this.client.query(
        `INSERT INTO escalations (warning_id, n, county, opened_ms, stage, stage_ms, station, outcome)
         SELECT * FROM unnest($1::text[], $2::integer[], $3::text[], $4::bigint[], $5::text[], $6::bigint[], $7::text[], $8::text[])
         ON CONFLICT (warning_id, n) DO UPDATE SET county = excluded.county, opened_ms = excluded.opened_ms, stage = excluded.stage,
           stage_ms = excluded.stage_ms, station = excluded.station, outcome = excluded.outcome`,
        [
          escalations.map((e) => e.warningId),
          escalations.map((e) => e.n),
          escalations.map((e) => e.county),
          escalations.map((e) => e.openedAtMs),
          escalations.map((e) => e.stage),
          escalations.map((e) => e.stageAtMs),
          escalations.map((e) => e.station ?? null),
          escalations.map((e) => e.outcome ?? null),
        ],
      );
    }
    const stations = new Map<string, number>();
    for (const { event } of events) {
      if (event.type === 'escalation' && event.station !== undefined) {
        const key = `${event.county}\u0000${event.station}`;
        stations.set(key, (stations.get(key) ?? 0) + 1);
      }
    }
    if (stations.size > 0) {
      const keys = [...stations.keys()].map((key) => key.split('\u0000'));
      await this.client.query(
        `INSERT INTO stations (county, station, uses) SELECT * FROM unnest($1::text[], $2::text[], $3::integer[])
         ON CONFLICT (county, station) DO UPDATE SET uses = stations.uses + excluded.uses`,
        [keys.map(([county]) => county), keys.map(([, station]) => station), [...stations.values()]],
      );
    }
  }

  async #writeRollups(plan: BatchPlan): Promise<void> {
    const add = async (table: 'rollups' | 'rollups_monthly', key: 'day' | 'month', changes: readonly (readonly [string, string, string, number])[]) => {
      if (changes.length === 0) return;
      await this.client.query(
        `INSERT INTO ${table} (${key}, county, metric, value) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
         ON CONFLICT (${key}, county, metric) DO UPDATE SET value = ${table}.value + excluded.value`,
        [changes.map((c) => c[0]), changes.map((c) => c[1]), changes.map((c) => c[2]), changes.map((c) => c[3])],
      );
    };
    await add('rollups', 'day', plan.rollups.counterChanges());
    await add('rollups_monthly', 'month', plan.rollups.monthlyChanges());
    const volume = plan.rollups.volumeChanges();
    if (volume.length > 0) {
      await this.client.query(
        `INSERT INTO volume (day, county, bucket, level, value) SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::bigint[])
         ON CONFLICT (day, county, bucket, level) DO UPDATE SET value = volume.value + excluded.value`,
        [volume.map((v) => v[0]), volume.map((v) => v[1]), volume.map((v) => v[2]), volume.map((v) => v[3]), volume.map((v) => v[4])],
      );
    }
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
    await this.client.query(
      `INSERT INTO rejected (received_ms, idx, event_id, county, errors, event, bytes, bytes_through)
       SELECT $1, * FROM unnest($2::integer[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[])`,
      [
        receivedMs,
        rows.map((r) => r.letter.index),
        rows.map((r) => r.letter.id ?? null),
        rows.map((r) => r.county),
        rows.map((r) => r.stored.errors),
        rows.map((r) => r.stored.event),
        rows.map((r) => r.stored.bytes),
        rows.map((r) => r.through),
      ],
    );
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

/** The county a letter's stored form names, if it names one as text: a scope sees its own counties' letters. */
function countyOf(event: unknown): string | null {
  if (typeof event !== 'object' || event === null) return null;
  const county = (event as Record<string, unknown>)['county'];
  return typeof county === 'string' ? county : null;
}
