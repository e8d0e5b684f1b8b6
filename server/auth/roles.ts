// Three separate powers (contract.md, "Tokens and roles"). The operator token also carries
// the viewer's rights; the ingest token carries nothing else.
import { createHash, timingSafeEqual } from 'node:crypto';

export type Role = 'ingest' | 'operator' | 'viewer';

export interface RoleTokens {
  readonly ingest?: string;
  readonly operator?: string;
  readonly viewer?: string;
}

export type Authentication =
  | { kind: 'missing' }
  | { kind: 'unknown' }
  | { kind: 'valid'; roles: ReadonlySet<Role> };

export class RoleTokenRegistry {
  readonly #entries: { digest: Buffer; roles: ReadonlySet<Role> }[];

  constructor(tokens: RoleTokens) {
    const entries: { digest: Buffer; roles: ReadonlySet<Role> }[] = [];
    if (tokens.ingest) entries.push({ digest: digest(tokens.ingest), roles: new Set(['ingest']) });
    if (tokens.operator) entries.push({ digest: digest(tokens.operator), roles: new Set(['operator', 'viewer']) });
    if (tokens.viewer) entries.push({ digest: digest(tokens.viewer), roles: new Set(['viewer']) });
    this.#entries = entries;
  }

  authenticate(token: string | undefined): Authentication {
    if (!token) return { kind: 'missing' };
    // Compare fixed-length digests against every entry: time depends on neither the token nor the match.
    const presented = digest(token);
    const roles = new Set<Role>();
    for (const entry of this.#entries) {
      if (timingSafeEqual(entry.digest, presented)) for (const role of entry.roles) roles.add(role);
    }
    return roles.size === 0 ? { kind: 'unknown' } : { kind: 'valid', roles };
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
