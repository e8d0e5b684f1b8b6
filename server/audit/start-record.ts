// A start is an audit record too: which build ran with which settings that bear on who may see
// what and for how long — never a token, a password or a database's credentials.
import { hostname } from 'node:os';
import type { Config } from '../config';
import type { AuditEntry } from './audit-chain';

export function startRecord(config: Config, version: string, regionAdcode: string, nowMs: number): AuditEntry {
  const t = config.tokens;
  const settings = {
    version,
    region: config.region,
    engine: config.databaseUrl === undefined ? 'sqlite' : 'postgresql',
    demo: config.simulate,
    viewerToken: t.viewer !== undefined || (t.scopedViewers ?? []).length > 0 ? 'required' : 'open',
    tokens: (['ingest', 'operator', 'viewer'] as const).filter((role) => t[role] !== undefined),
    sessionIdleMinutes: config.sessionIdleMinutes,
    auditRetentionDays: config.auditRetentionDays,
    piiRetentionDays: config.piiRetentionDays,
    trustProxy: config.trustProxy,
  };
  return { atMs: nowMs, actor: 'system', role: '', scope: regionAdcode, action: 'start', object: JSON.stringify(settings), result: 'ok', address: hostname() };
}
