// The audit trail in SQLite: appended on the writer thread, one record per transaction.
import type { Database, Transaction } from 'better-sqlite3';
import { prunablePrefix, type AuditEntry, type AuditQuery, type AuditRecord, type ChainHead } from '../../audit/audit-chain';
import { appendValues, auditStatements, nextRecord, pruneEntry, toAuditRecord, type AuditEdgeRow, type AuditRow } from '../sql/audit-rows';

const PAGE = 1_000;

export class SqliteAudit {
  readonly #append: Transaction<(entry: AuditEntry) => void>;
  readonly #prune: Transaction<(cutoffMs: number, nowMs: number, limit: number) => number>;
  readonly #page;
  readonly #newest;
  readonly #last;
  readonly #newestRecord;

  constructor(db: Database, keyHex: string) {
    const sql = auditStatements(() => '?');
    const last = db.prepare<[], ChainHead>(sql.last);
    this.#last = last;
    this.#newestRecord = db.prepare<[], AuditRow>(sql.newest);
    const highSeq = db.prepare<[], { value: string }>(sql.highSeq);
    const setHighSeq = db.prepare<[string]>(sql.setHighSeq);
    const insert = db.prepare(sql.append);
    this.#append = db.transaction((entry: AuditEntry) => {
      const record = nextRecord(entry, last.get(), highSeq.get()?.value, keyHex);
      insert.run(...appendValues(record));
      setHighSeq.run(String(record.seq));
    });
    const oldest = db.prepare<[number], AuditEdgeRow>(sql.oldest);
    const removeThrough = db.prepare<[number]>(sql.removeThrough);
    this.#prune = db.transaction((cutoffMs: number, nowMs: number, limit: number) => {
      const through = prunablePrefix(oldest.all(limit), cutoffMs);
      if (!through) return 0;
      const { changes } = removeThrough.run(through.seq);
      this.#append(pruneEntry(through, changes, nowMs));
      return changes;
    });
    this.#page = db.prepare<[number, number], AuditRow>(sql.page);
    type Filter = [number, number, string | null, string | null, string | null, string | null, string | null, string | null, number];
    this.#newest = db.prepare<Filter, AuditRow>(
      `SELECT * FROM audit WHERE at_ms BETWEEN ? AND ? AND (? IS NULL OR actor = ?) AND (? IS NULL OR action = ?)
         AND (? IS NULL OR scope IN (SELECT value FROM json_each(?)))
       ORDER BY at_ms DESC, seq DESC LIMIT ?`,
    );
  }

  append(entry: AuditEntry): void {
    // Immediate: it reads the chain's head and then writes, so it takes the write lock first —
    // a deferred one would fail at once, not wait, when a CLI and the server append together.
    this.#append.immediate(entry);
  }

  /** The chain's newest record, for the anchor. */
  head(): ChainHead | undefined {
    return this.#last.get();
  }

  newestRecord(): AuditRecord | undefined {
    const row = this.#newestRecord.get();
    return row && toAuditRecord(row);
  }

  /** Removes up to `limit` of the oldest records from before `cutoffMs`, and records that it did; how many went. */
  prune(cutoffMs: number, nowMs: number, limit: number): number {
    return this.#prune.immediate(cutoffMs, nowMs, limit);
  }

  newest(q: AuditQuery): AuditRecord[] {
    const [actor, action, scopes] = [q.actor ?? null, q.action ?? null, q.scopes && JSON.stringify(q.scopes)];
    return this.#newest.all(q.fromMs, q.toMs, actor, actor, action, action, scopes, scopes, q.limit).map(toAuditRecord);
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
