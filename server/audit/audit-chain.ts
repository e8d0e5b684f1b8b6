// The audit trail (issue 14): who signed in or out, made a step, saw victims' unmasked data or
// changed an account, from where, and how it ended. Records are only ever appended, each carrying
// a hash keyed outside the database (issue 22) of the one before it together with its own seq and
// content: a record edited, removed, slipped in or rehashed breaks the chain at that point, the
// anchors outside the database (chain-anchor.ts) show records cut from its end, and
// `npm run verify` names the first damage.
import { createHash, createHmac } from 'node:crypto';
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

/** A keyed record's hash starts so; records written before the chain had a key have plain SHA-256 hex. */
export const KEYED = 'k1:';

const contentOf = (e: AuditEntry) => JSON.stringify([e.atMs, e.actor, e.role, e.scope, e.action, e.object, e.result, e.address]);

/**
 * A record's hash: HMAC-SHA-256 under the chain's key (audit-key.ts) of the hash before it, its
 * seq and its content. Without the key, a record cannot be edited, forged or rehashed unnoticed.
 */
export function chainHash(prevHash: string, record: AuditEntry & { readonly seq: number }, keyHex: string): string {
  const mac = createHmac('sha256', Buffer.from(keyHex, 'hex')).update(`${prevHash}\n${record.seq}\n${contentOf(record)}`);
  return `${KEYED}${mac.digest('hex')}`;
}

/** Whether `keyHex` is the key the chain's newest record was written with (a record from before the key: any key fits). */
export function keyFits(newest: AuditRecord | undefined, keyHex: string): boolean {
  return newest === undefined || !newest.hash.startsWith(KEYED) || chainHash(newest.prevHash, newest, keyHex) === newest.hash;
}

/** How records were hashed before the chain had a key: still checked for those. */
function unkeyedHash(prevHash: string, e: AuditEntry): string {
  return createHash('sha256').update(`${prevHash}\n${contentOf(e)}`).digest('hex');
}

/** The chain's newest record, as an anchor keeps it (chain-anchor.ts). */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/** A head written to the anchor file, and when. */
export interface Anchor extends ChainHead {
  readonly at: string;
}

export interface ChainReport {
  readonly records: number;
  /** The first damage found: which record, and why. */
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

/**
 * Walks the records in seq order and checks every link and every hash (keyed ones with
 * `keyHex`), that the chain starts where it may, and that every anchor still names the record
 * it named: a record removed from the end, the whole chain emptied, or a rewritten one shows
 * there even when the rest holds together.
 */
export async function verifyChain(records: Iterable<AuditRecord> | AsyncIterable<AuditRecord>, keyHex: string, anchors: readonly Anchor[]): Promise<ChainReport> {
  let first: AuditRecord | undefined;
  let last: AuditRecord | undefined;
  let previous = CHAIN_START;
  let keyedSeen = false;
  let newestPrune: string | undefined;
  let count = 0;
  const anchored = new Map(anchors.map((anchor) => [anchor.seq, anchor]));
  for await (const record of records) {
    count++;
    first ??= record;
    const broken = (reason: string) => ({ records: count, broken: { seq: record.seq, reason } });
    // The first record follows whatever its prevHash says; whether it may start there is checked at the end.
    if (record !== first && record.prevHash !== previous) return broken('it does not follow the record before it (one was removed or inserted)');
    // A seq is given once, one after another: a gap is records removed, even ones the chain was mended over.
    if (last !== undefined && record.seq !== last.seq + 1) return broken(`the records ${last.seq + 1}…${record.seq - 1} before it are missing (removed, and the chain mended over them)`);
    if (record.hash.startsWith(KEYED)) {
      keyedSeen = true;
      if (chainHash(record.prevHash, record, keyHex) !== record.hash) return broken('its keyed hash does not match (it was edited, forged or rehashed without the key)');
    } else if (keyedSeen) {
      return broken('it has no keyed hash, after records that have (it was written without the key)');
    } else if (unkeyedHash(record.prevHash, record) !== record.hash) {
      return broken('its content does not match its hash (it was edited)');
    }
    const anchor = anchored.get(record.seq);
    anchored.delete(record.seq);
    if (anchor && anchor.hash !== record.hash) return broken(`it is not the record the anchor of ${anchor.at} names (the chain was rewritten from there)`);
    if (record.action === 'audit-prune') newestPrune = record.object;
    previous = record.hash;
    last = record;
  }
  if (first && first.prevHash !== CHAIN_START && newestPrune !== pruneObject(first.seq - 1, first.prevHash)) {
    return { records: count, broken: { seq: first.seq, reason: 'the records before it were removed, but not by the retention (no removal record names them)' } };
  }
  const lost = [...anchored.values()].find((anchor) => first !== undefined && anchor.seq >= first.seq && last !== undefined && anchor.seq <= last.seq);
  if (lost) return { records: count, broken: { seq: lost.seq, reason: `it is missing, though the anchor of ${lost.at} names it` } };
  const newestAnchor = anchors.reduce<Anchor | undefined>((newest, anchor) => (newest === undefined || anchor.seq > newest.seq ? anchor : newest), undefined);
  if (newestAnchor && (last === undefined || last.seq < newestAnchor.seq)) {
    const through = last === undefined ? 'there are no records at all' : `the newest record is ${last.seq}`;
    return { records: count, broken: { seq: newestAnchor.seq, reason: `records were removed from the end of the chain: the anchor of ${newestAnchor.at} names record ${newestAnchor.seq}, and ${through}` } };
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
