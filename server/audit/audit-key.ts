// The audit chain's key (issue 22): kept outside the database, so that someone who can write the
// database — but not this file — cannot rehash records they edited, appended or removed.
// Generated on first start (32 random bytes, mode 0600, never overwritten); every node sharing
// a database must be given the same file. Keep it — and a copy — on other storage than the
// database's: whoever holds both can rewrite history undetected.
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const KEY_BYTES = 32;

/**
 * The key in `file`, as hex; made there first if the file does not exist. Written whole to a file
 * of its own and then linked into place, so two nodes starting at once on a shared directory
 * both end up with the one that got there first, never with half of one.
 */
export function loadOrCreateAuditKey(file: string): string {
  if (existsSync(file)) return readAuditKey(file);
  mkdirSync(path.dirname(file), { recursive: true });
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, `${randomBytes(KEY_BYTES).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(draft, file);
  } catch (error) {
    // EEXIST: it is there already (another node, an earlier start) — read it.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  return readAuditKey(file);
}

/** The key in `file`, which must exist (npm run verify, npm run users). */
export function readAuditKey(file: string): string {
  const key = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`${file}: an audit key is 64 hex digits (32 bytes), as fraudwall writes it`);
  return key;
}
