// The audit trail in PostgreSQL: nodes append one at a time (an advisory lock of its own), so the
// chain never forks however many nodes record at once.
import type pg from 'pg';
import { CHAIN_START, chainHash, type AuditEntry, type AuditRecord } from '../../audit/audit-chain';
import { appendValues, auditStatements, toAuditRecord, type AuditRow } from '../audit-rows';
import { lockedTransaction, LOCKS } from './transaction';

const SQL = auditStatements((n) => `$${n}`);
const PAGE = 1_000;

export class PgAudit {
  constructor(private readonly pool: pg.Pool) {}

  async append(entry: AuditEntry): Promise<void> {
    await lockedTransaction(this.pool, LOCKS.audit, async (client) => {
      const prevHash = (await client.query<{ hash: string }>(SQL.last)).rows[0]?.hash ?? CHAIN_START;
      await client.query(SQL.append, appendValues({ ...entry, prevHash, hash: chainHash(prevHash, entry) }));
    });
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
