// The audit table in either engine: rows back into records, and the statements both share.
import type { AuditAction } from '../../../shared/protocol/audit';
import { CHAIN_START, chainHash, pruneObject, type AuditEntry, type AuditRecord, type ChainHead } from '../../audit/audit-chain';

export interface AuditRow {
  seq: number;
  at_ms: number;
  actor: string;
  role: string;
  scope: string;
  action: string;
  object: string;
  result: string;
  address: string;
  prev_hash: string;
  hash: string;
}

export const toAuditRecord = (row: AuditRow): AuditRecord => ({
  seq: row.seq,
  atMs: row.at_ms,
  actor: row.actor,
  role: row.role,
  scope: row.scope,
  // Only actions the chain names are appended.
  action: row.action as AuditAction,
  object: row.object,
  result: row.result,
  address: row.address,
  prevHash: row.prev_hash,
  hash: row.hash,
});

/** The highest seq ever given, kept in meta: a seq is never given twice, even after the chain's end was cut. */
export const HIGH_SEQ_KEY = 'audit.high_seq';

export function auditStatements(placeholder: (n: number) => string) {
  const p = Array.from({ length: 11 }, (_, i) => placeholder(i + 1));
  return {
    last: 'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1',
    newest: 'SELECT * FROM audit ORDER BY seq DESC LIMIT 1',
    highSeq: `SELECT value FROM meta WHERE key = '${HIGH_SEQ_KEY}'`,
    /** seq */
    setHighSeq: `INSERT INTO meta (key, value) VALUES ('${HIGH_SEQ_KEY}', ${p[0]}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    append: `INSERT INTO audit (seq, at_ms, actor, role, scope, action, object, result, address, prev_hash, hash) VALUES (${p.join(', ')})`,
    /** after seq, limit: a page of the chain in order */
    page: `SELECT * FROM audit WHERE seq > ${p[0]} ORDER BY seq LIMIT ${p[1]}`,
    /** limit: the oldest records, never the newest (the chain always keeps its end, and SQLite its seq) */
    oldest: `SELECT seq, at_ms, hash FROM audit WHERE seq < (SELECT max(seq) FROM audit) ORDER BY seq LIMIT ${p[0]}`,
    /** seq: removes the chain's start through it */
    removeThrough: `DELETE FROM audit WHERE seq <= ${p[0]}`,
  };
}

export interface AuditEdgeRow {
  seq: number;
  at_ms: number;
  hash: string;
}

/** The record a prune of the chain's start through `through` appends (audit-chain.ts, pruneObject). */
export function pruneEntry(through: AuditEdgeRow, removed: number, nowMs: number): AuditEntry {
  return { atMs: nowMs, actor: 'system', role: '', scope: '', action: 'audit-prune', object: pruneObject(through.seq, through.hash), result: `${removed} removed`, address: '' };
}

/** The record an entry becomes, after the chain's newest record and the highest seq ever given. */
export function nextRecord(entry: AuditEntry, last: ChainHead | undefined, highSeq: string | undefined, keyHex: string): AuditRecord {
  const seq = Math.max(last?.seq ?? 0, Number(highSeq ?? 0)) + 1;
  const prevHash = last?.hash ?? CHAIN_START;
  return { ...entry, seq, prevHash, hash: chainHash(prevHash, { ...entry, seq }, keyHex) };
}

/** The record's values in the order of `append`'s placeholders. */
export const appendValues = (e: AuditRecord) => [e.seq, e.atMs, e.actor, e.role, e.scope, e.action, e.object, e.result, e.address, e.prevHash, e.hash];
