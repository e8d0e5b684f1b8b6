// A start is an audit record too: which build ran with which settings that bear on who may see
// what and for how long — never a token, a password or a database's credentials.
import { hostname } from 'node:os';
import { viewersNeedToken, type RoleTokens } from '../auth/roles';
import type { BuildIdentity } from '../http/build-version';
import type { AuditEntry } from './audit-chain';

/** The settings a start records. */
export interface StartSettings {
  readonly region: string;
  readonly databaseUrl?: string;
  readonly simulate: boolean;
  readonly tokens: RoleTokens;
  readonly sessionIdleMinutes: number;
  readonly auditRetentionDays: number;
  readonly piiRetentionDays: number;
  /** Express's `trust proxy`, as configured. */
  readonly trustProxy: boolean | number | readonly string[];
}

export function startRecord(config: StartSettings, build: BuildIdentity, regionAdcode: string, nowMs: number): AuditEntry {
  const t = config.tokens;
  const settings = {
    version: build.version,
    release: build.release,
    commit: build.commit,
    region: config.region,
    engine: config.databaseUrl === undefined ? 'sqlite' : 'postgresql',
    demo: config.simulate,
    viewerToken: viewersNeedToken(t) ? 'required' : 'open',
    tokens: (['ingest', 'operator', 'viewer'] as const).filter((role) => t[role] !== undefined),
    sessionIdleMinutes: config.sessionIdleMinutes,
    auditRetentionDays: config.auditRetentionDays,
    piiRetentionDays: config.piiRetentionDays,
    trustProxy: config.trustProxy,
  };
  return { atMs: nowMs, actor: 'system', role: '', scope: regionAdcode, action: 'start', object: JSON.stringify(settings), result: 'ok', address: hostname() };
}
