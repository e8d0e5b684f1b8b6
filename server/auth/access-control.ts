// The one gate every protected endpoint and the socket handshake pass through. A valid token
// is always let through: only failed attempts are ever throttled, so a kiosk without its
// token or a neighbour behind the same NAT cannot lock the rightful clients out.
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import proxyAddr from 'proxy-addr';
import type { FailedAuthLimiter } from './failed-auth-limiter';
import { bearerToken, type Role, type RoleTokenRegistry } from './roles';

export type AccessDecision = { ok: true } | { ok: false; status: 401 | 403 | 429; message: string };

/** Who is asking, for the limiter and the log; never the token. */
export interface Requester {
  readonly address: string;
  readonly endpoint: string;
}

export class AccessControl {
  constructor(
    private readonly registry: RoleTokenRegistry,
    private readonly limiter: FailedAuthLimiter,
    /** Walls and the snapshot are open unless a viewer token is configured. */
    private readonly viewerTokenRequired: boolean,
    private readonly logger: Logger,
  ) {}

  decide({ address, endpoint }: Requester, token: string | undefined, role: Role): AccessDecision {
    const required = role !== 'viewer' || this.viewerTokenRequired;
    if (!required && token === undefined) return { ok: true };
    const auth = this.registry.authenticate(token);
    if (auth.kind === 'valid') {
      return auth.roles.has(role) ? { ok: true } : { ok: false, status: 403, message: `this token does not carry the ${role} role` };
    }
    // An open endpoint asked with a stale token is still open.
    if (!required) return { ok: true };
    if (this.limiter.isBlocked(address)) {
      return { ok: false, status: 429, message: 'too many failed authentications from this address; try again later' };
    }
    const failures = this.limiter.recordFailure(address);
    this.logger.warn({ address, endpoint, failures }, 'failed authentication');
    if (this.limiter.isBlocked(address)) {
      this.logger.warn({ address, endpoint }, 'failed authentications locked out for the rest of the minute');
    }
    return { ok: false, status: 401, message: auth.kind === 'missing' ? `a ${role} token is required` : 'the token is not valid' };
  }

  /** Express middleware: lets the request through only with a token carrying `role`. */
  require(role: Role): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      const decision = this.decide({ address: req.ip ?? 'unknown', endpoint: `${req.method} ${req.path}` }, bearerToken(req.headers.authorization), role);
      if (decision.ok) return next();
      res.status(decision.status).json({ error: decision.message });
    };
  }
}

/** The client's address as Express sees it under FRAUDWALL_TRUST_PROXY, for requests Express never routed (socket handshakes). */
export function addressOf(request: IncomingMessage, trust: (address: string, hop: number) => boolean): string {
  return proxyAddr(request, trust);
}
