// The audit table in either engine: rows back into records, and the statements both share.
import type { AuditAction } from '../../../shared/protocol/audit';
import { pruneObject, type AuditEntry, type AuditRecord } from '../../audit/audit-chain';

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

export function auditStatements(placeholder: (n: number) => string) {
  const p = Array.from({ length: 10 }, (_, i) => placeholder(i + 1));
  return {
    last: 'SELECT hash FROM audit ORDER BY seq DESC LIMIT 1',
    append: `INSERT INTO audit (at_ms, actor, role, scope, action, object, result, address, prev_hash, hash) VALUES (${p.join(', ')})`,
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

/** The entry's values in the order of `append`'s placeholders. */
export const appendValues = (e: Omit<AuditRecord, 'seq'>) => [e.atMs, e.actor, e.role, e.scope, e.action, e.object, e.result, e.address, e.prevHash, e.hash];
