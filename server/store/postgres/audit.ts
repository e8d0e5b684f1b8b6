// The audit trail in PostgreSQL: nodes append one at a time (an advisory lock of its own), so the
// chain never forks however many nodes record at once.
import type pg from 'pg';
import { prunablePrefix, type AuditEntry, type AuditQuery, type AuditRecord, type ChainHead } from '../../audit/audit-chain';
import { appendValues, auditStatements, nextRecord, pruneEntry, toAuditRecord, type AuditEdgeRow, type AuditRow } from '../sql/audit-rows';
import { lockedTransaction, LOCKS } from './transaction';

const SQL = auditStatements((n) => `$${n}`);
const PAGE = 1_000;

export class PgAudit {
  constructor(
    private readonly pool: pg.Pool,
    private readonly keyHex: string,
  ) {}

  async append(entry: AuditEntry): Promise<void> {
    await lockedTransaction(this.pool, LOCKS.audit, (client) => appendWith(client, entry, this.keyHex));
  }

  /** The chain's newest record, for the anchor. */
  async head(): Promise<ChainHead | undefined> {
    return (await this.pool.query<ChainHead>(SQL.last)).rows[0];
  }

  async newestRecord(): Promise<AuditRecord | undefined> {
    const row = (await this.pool.query<AuditRow>(SQL.newest)).rows[0];
    return row && toAuditRecord(row);
  }

  /** Removes up to `limit` of the oldest records from before `cutoffMs`, and records that it did; how many went. */
  prune(cutoffMs: number, nowMs: number, limit: number): Promise<number> {
    return lockedTransaction(this.pool, LOCKS.audit, async (client) => {
      const through = prunablePrefix((await client.query<AuditEdgeRow>(SQL.oldest, [limit])).rows, cutoffMs);
      if (!through) return 0;
      const removed = (await client.query(SQL.removeThrough, [through.seq])).rowCount ?? 0;
      await appendWith(client, pruneEntry(through, removed, nowMs), this.keyHex);
      return removed;
    });
  }

  async newest(q: AuditQuery): Promise<AuditRecord[]> {
    const { rows } = await this.pool.query<AuditRow>(
      `SELECT * FROM audit WHERE at_ms BETWEEN $1 AND $2 AND ($3::text IS NULL OR actor = $3) AND ($4::text IS NULL OR action = $4)
         AND ($5::text[] IS NULL OR scope = ANY($5::text[]))
       ORDER BY at_ms DESC, seq DESC LIMIT $6`,
      [q.fromMs, q.toMs, q.actor ?? null, q.action ?? null, q.scopes, q.limit],
    );
    return rows.map(toAuditRecord);
  }

  /** The whole chain in order, a page at a time. */
  async *records(): AsyncGenerator<AuditRecord> {
    for (let after = 0; ; ) {
      const { rows } = await this.pool.query<AuditRow>(SQL.page, [after, PAGE]);
      for (const row of rows) yield toAuditRecord(row);
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.seq;
    }
  }
}

/** Appends inside a transaction that holds the audit lock. */
async function appendWith(client: pg.PoolClient, entry: AuditEntry, keyHex: string): Promise<void> {
  const last = (await client.query<ChainHead>(SQL.last)).rows[0];
  const highSeq = (await client.query<{ value: string }>(SQL.highSeq)).rows[0]?.value;
  const record = nextRecord(entry, last, highSeq, keyHex);
  await client.query(SQL.append, appendValues(record));
  await client.query(SQL.setHighSeq, [String(record.seq)]);
}
