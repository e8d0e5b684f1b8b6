// A copy's audit chain walked under the key, within the copy alone (the anchor file may already
// name later records than a copy holds): how many records it has, or the refusal.
import { verifyChain, type AuditRecord } from '../audit/audit-chain';
import { BackupRefused } from './backup-refused';

export async function provenChain(records: Iterable<AuditRecord> | AsyncIterable<AuditRecord>, keyHex: string, what: string): Promise<number> {
  const chain = await verifyChain(records, keyHex, []);
  if (chain.broken) {
    throw new BackupRefused(`${what}'s audit chain is broken at record ${chain.broken.seq} (${chain.broken.reason}): is the audit key the one it was written with?`);
  }
  return chain.records;
}
