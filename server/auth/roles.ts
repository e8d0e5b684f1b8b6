// Three separate powers (contract.md, "Tokens and roles"). The operator token also carries
// the viewer's rights; the ingest token carries nothing else. Viewer and operator tokens may be
// bound to a scope (a city or county): they carry their role inside it only.
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * `admin` (accounts, audit) is an account's only: no token carries it. `walls`: directing what the
 * walls show (issue 25) — operators, leaders and admins.
 */
export type Role = 'ingest' | 'operator' | 'viewer' | 'admin' | 'walls';

/** A token bound to a scope: the adcode of a city or county (or of the region itself). */
export interface ScopedToken {
  readonly scope: string;
  readonly token: string;
}

export interface RoleTokens {
  readonly ingest?: string;
  readonly operator?: string;
  readonly viewer?: string;
  readonly scopedViewers?: readonly ScopedToken[];
  readonly scopedOperators?: readonly ScopedToken[];
}

/** Whether walls and viewers need a token: a county's own token would mean little if the whole region were open without one. */
export function viewersNeedToken(tokens: RoleTokens): boolean {
  return tokens.viewer !== undefined || (tokens.scopedViewers ?? []).length > 0;
}

export type Authentication =
  | { kind: 'missing' }
  | { kind: 'unknown' }
  /** `scope`: the adcode the token is bound to; none for a token that covers the whole region. */
  | { kind: 'valid'; roles: ReadonlySet<Role>; scope?: string };

interface Entry {
  readonly digest: Buffer;
  readonly roles: ReadonlySet<Role>;
  readonly scope?: string;
}

const OPERATOR_ROLES: ReadonlySet<Role> = new Set(['operator', 'viewer', 'walls']);
const VIEWER_ROLES: ReadonlySet<Role> = new Set(['viewer']);

export class RoleTokenRegistry {
  readonly #entries: Entry[];

  constructor(tokens: RoleTokens) {
    const entries: Entry[] = [];
    if (tokens.ingest) entries.push({ digest: digest(tokens.ingest), roles: new Set(['ingest']) });
    if (tokens.operator) entries.push({ digest: digest(tokens.operator), roles: OPERATOR_ROLES });
    if (tokens.viewer) entries.push({ digest: digest(tokens.viewer), roles: VIEWER_ROLES });
    for (const { scope, token } of tokens.scopedOperators ?? []) entries.push({ digest: digest(token), roles: OPERATOR_ROLES, scope });
    for (const { scope, token } of tokens.scopedViewers ?? []) entries.push({ digest: digest(token), roles: VIEWER_ROLES, scope });
    this.#entries = entries;
  }

  authenticate(token: string | undefined): Authentication {
    if (!token) return { kind: 'missing' };
    // Compare fixed-length digests against every entry: time depends on neither the token nor the match.
    const presented = digest(token);
    let matched: Entry | undefined;
    for (const entry of this.#entries) {
      if (timingSafeEqual(entry.digest, presented)) matched ??= entry;
    }
    if (!matched) return { kind: 'unknown' };
    return { kind: 'valid', roles: matched.roles, ...(matched.scope === undefined ? {} : { scope: matched.scope }) };
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** The token of an `Authorization: Bearer …` header, if it has one. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
