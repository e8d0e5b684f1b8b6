// Who made a request, for its audit record: the signed-in account, or — a shared token being
// no one in particular — the token's role; the scope the request acted in; the client's address.
import type { Request, Response } from 'express';
import type { Scope } from '../../shared/region';
import { scopeOf, sessionOf } from '../auth/access-control';
import type { Role } from '../auth/roles';
import type { AuditEntry } from './audit-chain';

export function requestActor(req: Request, res: Response, tokenRole: Role): Pick<AuditEntry, 'actor' | 'role' | 'scope' | 'address'> {
  const session = sessionOf(res);
  const scope: Scope | undefined = res.locals['scope'] === undefined ? undefined : scopeOf(res);
  return {
    actor: session?.username ?? `token:${tokenRole}`,
    role: session?.role ?? tokenRole,
    scope: scope?.adcode ?? '',
    address: req.ip ?? 'unknown',
  };
}
