// The audit trail (issue 14): who signed in or out, made a step, saw victims' unmasked data or
// changed an account, from where, and how it ended. Records are only ever appended, each carrying the SHA-256 of the
// one before it together with its own content: a record edited, removed or slipped in later
// breaks the chain at that point, and `npm run verify` names the first broken record.
import { createHash } from 'node:crypto';
import type { AuditAction, AuditView } from '../../shared/protocol/audit';
import type { ZonedCalendar } from '../../shared/time/zoned-calendar';

/** A record as it is appended: the answer's fields (shared/protocol/audit.ts), its time in ms. */
export interface AuditEntry extends Omit<AuditView, 'seq' | 'at'> {
  readonly atMs: number;
}

export interface AuditRecord extends AuditEntry {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/** Which records an admin asks for (GET /api/v1/audit): newest first. */
export interface AuditQuery {
  readonly fromMs: number;
  readonly toMs: number;
  readonly actor?: string;
  readonly action?: AuditAction;
  /** The scopes whose records may be shown, or null for every record (the region's admin). */
  readonly scopes: readonly string[] | null;
  readonly limit: number;
}

/** Records as GET /api/v1/audit answers them: times in the server's zone, no hashes. */
export function auditAnswer(records: readonly AuditRecord[], calendar: ZonedCalendar): AuditView[] {
  return records.map(({ seq, atMs, actor, role, scope, action, object, result, address }) => ({
    seq,
    at: calendar.isoWithOffset(atMs),
    actor,
    role,
    scope,
    action,
    object,
    result,
    address,
  }));
}

/** The previous hash of the first record. */
export const CHAIN_START = '0'.repeat(64);

export function chainHash(prevHash: string, e: AuditEntry): string {
  const content = JSON.stringify([e.atMs, e.actor, e.role, e.scope, e.action, e.object, e.result, e.address]);
  return createHash('sha256').update(`${prevHash}\n${content}`).digest('hex');
}

export interface ChainReport {
  readonly records: number;
  /** The first record whose link or content does not hold, and why. */
  readonly broken?: { readonly seq: number; readonly reason: string };
}

/**
 * Records older than the retention are removed from the start of the chain, never from its
 * middle, and the removal is itself a record, chained like any other, naming the last record
 * removed and its hash: the chain then starts from that hash, and nothing else may.
 */
export function pruneObject(throughSeq: number, hash: string): string {
  return `through ${throughSeq} ${hash}`;
}

/** Walks the records in seq order and checks every link, and that the chain starts where it may. */
export async function verifyChain(records: Iterable<AuditRecord> | AsyncIterable<AuditRecord>): Promise<ChainReport> {
  let first: AuditRecord | undefined;
  let previous = CHAIN_START;
  let newestPrune: string | undefined;
  let count = 0;
  for await (const record of records) {
    count++;
    first ??= record;
    // The first record follows whatever its prevHash says; whether it may start there is checked at the end.
    if (record !== first && record.prevHash !== previous) return { records: count, broken: { seq: record.seq, reason: 'it does not follow the record before it (one was removed or inserted)' } };
    if (chainHash(record.prevHash, record) !== record.hash) return { records: count, broken: { seq: record.seq, reason: 'its content does not match its hash (it was edited)' } };
    if (record.action === 'audit-prune') newestPrune = record.object;
    previous = record.hash;
  }
  if (first && first.prevHash !== CHAIN_START && newestPrune !== pruneObject(first.seq - 1, first.prevHash)) {
    return { records: count, broken: { seq: first.seq, reason: 'the records before it were removed, but not by the retention (no removal record names them)' } };
  }
  return { records: count };
}

/** The longest run of the oldest records (at most `rows`) that are all older than `cutoffMs`: what one prune removes. */
export function prunablePrefix<T extends { at_ms: number }>(rows: readonly T[], cutoffMs: number): T | undefined {
  let last: T | undefined;
  for (const row of rows) {
    if (row.at_ms >= cutoffMs) break;
    last = row;
  }
  return last;
}
