// What the audit trail asks of the store: a record appended, and records read back.
import type { AuditView } from '../../shared/protocol/audit';
import type { JsonText } from '../../shared/protocol/json-text';
import type { AuditEntry, AuditQuery } from './audit-chain';
import type { ChainHeadApi } from './chain-anchor';

export interface AuditApi extends ChainHeadApi {
  /** Appends a record to the audit trail; resolves once it is stored. */
  audit(entry: AuditEntry): Promise<void>;
  /** Whether this node's key is the one the chain was written with (checked at start: several nodes must share one). */
  auditKeyFits(): Promise<boolean>;
}

export interface AuditReadApi {
  /** The audit records a query asks for, newest first, encoded. */
  auditJson(query: AuditQuery): Promise<JsonText<AuditView[]>>;
}
