// The one gate every protected endpoint and the socket handshake pass through. A valid token
// is always let through: only failed attempts are ever throttled, so a kiosk without its
// token or a neighbour behind the same NAT cannot lock the rightful clients out. A token bound
// to a scope is let into that scope only: the scope a request asks for is checked here too.
// A token may also be a device's (a wall's or a kiosk's account, device-directory.ts). A request
// without a token may come from a signed-in account (its session cookie): the account's role
// decides what it may do, its scope what it sees, and a state-changing request must carry the
// session's CSRF token.
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import proxyAddr from 'proxy-addr';
import type { RegionScopes, Scope } from '../../shared/region';
import type { AccountRole, SessionView } from '../../shared/protocol/account';
import type { AccountIdentity, DeviceEntry } from './identity';
import { isLockedOut, MAX_FAILURES, WINDOW_MS, type FailureCounter } from './failed-auth-limiter';
import { csrfMatches, sessionIdOf } from './session-cookie';
import { bearerToken, type Role, type RoleTokenRegistry } from './roles';

export type Refusal = { ok: false; status: 400 | 401 | 403 | 429; message: string; retryAfterS?: number };
/** `granted`: what the token covers — the region, or the scope it is bound to. */
export type AccessDecision = { ok: true; granted: Scope } | Refusal;
export type ScopeDecision = { ok: true; scope: Scope } | Refusal;

/** What each kind of account may do, in the roles the endpoints ask for. */
const ACCOUNT_CAN: Record<AccountRole, readonly Role[]> = {
  admin: ['admin', 'viewer', 'walls'],
  operator: ['operator', 'viewer', 'walls'],
  leader: ['viewer', 'walls'],
  device: ['viewer'],
  source: ['ingest'],
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type { AccountIdentity };

/** The account a request came as, if it came as one (set by `require`). */
export function accountOf(res: Response): AccountIdentity | undefined {
  return res.locals['account'] as AccountIdentity | undefined;
}

/** The scope a request reads, as `require` (the token's) and then `scoped` (`?scope=`) left it. */
export function scopeOf(res: Response): Scope {
  return res.locals['scope'] as Scope;
}

/** Who is asking, for the limiter and the log; never the token. */
export interface Requester {
  readonly address: string;
  readonly endpoint: string;
}

export class AccessControl {
  constructor(
    private readonly registry: RoleTokenRegistry,
    private readonly scopes: RegionScopes,
    private readonly limiter: FailureCounter,
    /** Walls and the snapshot are open unless a viewer token is configured or a device account exists (asked each time: an admin may add the first device at any moment). */
    private readonly viewerTokenRequired: () => boolean,
    private readonly logger: Logger,
    /** The live session a session id names (the store's). */
    private readonly sessions: (sessionId: string) => Promise<SessionView | undefined>,
    /** The enabled device a token belongs to, if any. */
    private readonly devices: (token: string) => Promise<DeviceEntry | undefined>,
  ) {}

  async decide(requester: Requester, token: string | undefined, role: Role): Promise<AccessDecision> {
    return (await this.#decideToken(requester, token, role)).decision;
  }

  async #decideToken({ address, endpoint }: Requester, token: string | undefined, role: Role): Promise<{ decision: AccessDecision; device?: AccountIdentity }> {
    const required = role !== 'viewer' || this.viewerTokenRequired();
    const region = this.scopes.region;
    if (!required && token === undefined) return { decision: { ok: true, granted: region } };
    const auth = this.registry.authenticate(token);
    if (auth.kind === 'valid') {
      if (!auth.roles.has(role)) return { decision: { ok: false, status: 403, message: `this token does not carry the ${role} role` } };
      return { decision: { ok: true, granted: (auth.scope === undefined ? undefined : this.scopes.get(auth.scope)) ?? region } };
    }
    const entry = token === undefined ? undefined : await this.devices(token);
    if (entry) {
      const device: AccountIdentity = { username: entry.username, role: entry.role, scope: entry.scope };
      return { decision: this.#decideAccount(device, role), device };
    }
    return { decision: await this.#refuseToken({ address, endpoint }, auth.kind, role) };
  }

  /** No token where one is needed, or one that is not valid — on an open endpoint too: a revoked token is refused, never taken for none. */
  async #refuseToken({ address, endpoint }: Requester, kind: 'missing' | 'unknown', role: Role): Promise<AccessDecision> {
    const failures = await this.limiter.countFailure(address);
    if (isLockedOut(failures)) {
      return { ok: false, status: 429, message: 'too many failed authentications from this address; try again later', retryAfterS: WINDOW_MS / 1000 };
    }
    this.logger.warn({ address, endpoint, failures }, 'failed authentication');
    if (failures === MAX_FAILURES) {
      this.logger.warn({ address, endpoint }, 'failed authentications locked out for the rest of the minute');
    }
    return { ok: false, status: 401, message: kind === 'missing' ? `a ${role} token is required` : 'the token is not valid' };
  }

  /**
   * The scope a client asked for (`?scope=`, the socket's `auth.scope`), within what its token
   * covers: none asked is the token's own; one outside the region is a 400 naming `scope`, one
   * outside the token's scope a 403.
   */
  decideScope(granted: Scope, requested: unknown): ScopeDecision {
    if (requested === undefined || requested === '') return { ok: true, scope: granted };
    const scope = typeof requested === 'string' ? this.scopes.get(requested) : undefined;
    if (!scope) {
      const region = this.scopes.region;
      return { ok: false, status: 400, message: `scope: must be the adcode of ${region.name} (${region.adcode}) or of a city or county inside it` };
    }
    if (!this.scopes.contains(granted, scope)) {
      return { ok: false, status: 403, message: `this token covers ${granted.name} (${granted.adcode}) only` };
    }
    return { ok: true, scope };
  }

  /** Express middleware: lets the request through only with a token carrying `role`; the request's scope is the token's. */
  require(role: Role): RequestHandler {
    return async (req: Request, res: Response, next: NextFunction) => {
      const requester = { address: req.ip ?? 'unknown', endpoint: `${req.method} ${req.path}` };
      const { decision, account } = await this.admit(requester, bearerToken(req.headers.authorization), sessionIdOf(req), role, req.method, req.get('x-csrf-token'));
      if (!decision.ok) return refuse(res, decision);
      if (account) res.locals['account'] = account;
      res.locals['granted'] = decision.granted;
      res.locals['scope'] = decision.granted;
      next();
    };
  }

  /**
   * Who a request or a socket is: with a token, the token's (or its device's); without one, the
   * live session its cookie names, if any. `method` and `csrfToken`: a session's state-changing
   * request must send the session's CSRF token back. `account`: the device or signed-in person.
   */
  async admit(
    requester: Requester,
    token: string | undefined,
    sessionId: string | undefined,
    role: Role,
    method: string,
    csrfToken: string | undefined,
  ): Promise<{ decision: AccessDecision; account?: AccountIdentity }> {
    const session = token === undefined && sessionId !== undefined ? await this.sessions(sessionId) : undefined;
    if (session) {
      const decision = this.#decideAccount(session, role);
      if (decision.ok && !SAFE_METHODS.has(method) && !csrfMatches(csrfToken, session)) {
        return { decision: { ok: false, status: 403, message: "X-CSRF-Token: must be the session's CSRF token (GET /api/v1/session)" }, account: session };
      }
      return { decision, account: session };
    }
    const { decision, device } = await this.#decideToken(requester, token, role);
    return { decision, ...(device ? { account: device } : {}) };
  }

  #decideAccount(account: AccountIdentity, role: Role): AccessDecision {
    if (!ACCOUNT_CAN[account.role].includes(role)) return { ok: false, status: 403, message: `an account of the ${account.role} role cannot do this (it needs the ${role} role)` };
    return { ok: true, granted: this.scopes.get(account.scope) ?? this.scopes.region };
  }

  /** The counties a request's reads and actions are limited to (null: the whole region). */
  within(res: Response): readonly string[] | null {
    return this.scopes.within(scopeOf(res));
  }

  /** Express middleware after `require`: the request's scope is `?scope=`, inside the token's. */
  readonly scoped: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    const decision = this.decideScope(res.locals['granted'] as Scope, req.query['scope']);
    if (!decision.ok) return refuse(res, decision);
    res.locals['scope'] = decision.scope;
    next();
  };
}

function refuse(res: Response, { status, message, retryAfterS }: Refusal): void {
  if (retryAfterS !== undefined) res.set('Retry-After', String(Math.max(1, retryAfterS)));
  res.status(status).json({ error: message });
}

/** The client's address as Express sees it under FRAUDWALL_TRUST_PROXY, for requests Express never routed (socket handshakes). */
export function addressOf(request: IncomingMessage, trust: (address: string, hop: number) => boolean): string {
  return proxyAddr(request, trust);
}
