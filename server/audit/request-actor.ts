// Who made a request, for its audit record: the signed-in account, or — a shared token being
// no one in particular — the token's role, or `anonymous` on an endpoint open without one; the
// scope the request acted in; the client's address.
import type { Request, Response } from 'express';
import { scopeOf, accountOf } from '../auth/access-control';
import { bearerToken, type Role } from '../auth/roles';
import type { AuditEntry } from './audit-chain';

export function requestActor(req: Request, res: Response, tokenRole: Role): Pick<AuditEntry, 'actor' | 'role' | 'scope' | 'address'> {
  // Called after access.require, which always sets the scope.
  const account = accountOf(res);
  const token = bearerToken(req.headers.authorization) !== undefined;
  return {
    actor: account?.username ?? (token ? `token:${tokenRole}` : 'anonymous'),
    role: account?.role ?? (token ? tokenRole : ''),
    scope: scopeOf(res).adcode,
    address: req.ip ?? 'unknown',
  };
}
