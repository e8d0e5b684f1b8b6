// The audit trail in SQLite: appended on the writer thread, one record per transaction.
import type { Database } from 'better-sqlite3';
import { CHAIN_START, chainHash, type AuditEntry, type AuditRecord } from '../audit/audit-chain';
import { appendValues, auditStatements, toAuditRecord, type AuditRow } from './audit-rows';

const PAGE = 1_000;

export class SqliteAudit {
  readonly #append: (entry: AuditEntry) => void;
  readonly #page;

  constructor(db: Database) {
    const sql = auditStatements(() => '?');
    const last = db.prepare<[], { hash: string }>(sql.last);
    const insert = db.prepare(sql.append);
    this.#append = db.transaction((entry: AuditEntry) => {
      const prevHash = last.get()?.hash ?? CHAIN_START;
      insert.run(...appendValues({ ...entry, prevHash, hash: chainHash(prevHash, entry) }));
    });
    this.#page = db.prepare<[number, number], AuditRow>(sql.page);
  }

  append(entry: AuditEntry): void {
    this.#append(entry);
  }

  /** The whole chain in order, a page at a time. */
  *records(): Generator<AuditRecord> {
    for (let after = 0; ; ) {
      const rows = this.#page.all(after, PAGE);
      for (const row of rows) yield toAuditRecord(row);
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.seq;
    }
  }
}
