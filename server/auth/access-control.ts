// The one gate every protected endpoint and the socket handshake pass through.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { FailedAuthLimiter } from './failed-auth-limiter';
import { bearerToken, type Role, type RoleTokenRegistry } from './roles';

export type AccessDecision = { ok: true } | { ok: false; status: 401 | 403 | 429; message: string };

export class AccessControl {
  constructor(
    private readonly registry: RoleTokenRegistry,
    private readonly limiter: FailedAuthLimiter,
    /** Walls and the snapshot are open unless a viewer token is configured. */
    private readonly viewerTokenRequired: boolean,
  ) {}

  decide(address: string, token: string | undefined, role: Role): AccessDecision {
    const required = role !== 'viewer' || this.viewerTokenRequired;
    if ((token !== undefined || required) && this.limiter.isBlocked(address)) {
      return { ok: false, status: 429, message: 'too many failed authentications from this address; try again later' };
    }
    if (!required) return { ok: true };
    const auth = this.registry.authenticate(token);
    if (auth.kind !== 'valid') {
      this.limiter.recordFailure(address);
      return {
        ok: false,
        status: 401,
        message: auth.kind === 'missing' ? `a ${role} token is required` : 'the token is not valid',
      };
    }
    if (!auth.roles.has(role)) return { ok: false, status: 403, message: `this token does not carry the ${role} role` };
    return { ok: true };
  }

  /** Express middleware: lets the request through only with a token carrying `role`. */
  require(role: Role): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      const decision = this.decide(clientAddress(req), bearerToken(req.headers.authorization), role);
      if (decision.ok) return next();
      res.status(decision.status).json({ error: decision.message });
    };
  }
}

export function clientAddress(req: Request): string {
  return req.socket.remoteAddress ?? 'unknown';
}
