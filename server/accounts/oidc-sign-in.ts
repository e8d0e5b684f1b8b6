// Single sign-on through the police's identity provider (issue 14): the authorisation code flow
// with PKCE (S256), a state and a nonce, by `openid-client`. The provider says who the person is
// (`preferred_username`), their role and their scope (the configured claims, from the ID token
// or the userinfo endpoint); fraudwall checks them against its own rules before any session.
import * as client from 'openid-client';
import type { RegionScopes } from '../../shared/region';
import { usernameSchema, type AccountRole } from './account';
import type { VouchedIdentity } from './sso-binding';

/** The roles a provider may give: devices and upstream systems have tokens, not people. */
const VOUCHABLE_ROLES: readonly AccountRole[] = ['admin', 'operator', 'leader'];

/** What the browser keeps between leaving for the provider and coming back (a short-lived HttpOnly cookie). */
/** Single sign-on (issue 14): authorisation code + PKCE against the police's identity provider. */
export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Where the provider sends the browser back: this server's /api/v1/session/oidc/callback. */
  readonly redirectUri: string;
  /** The claims that carry the account's role (admin, operator, leader) and scope (an adcode). */
  readonly roleClaim: string;
  readonly scopeClaim: string;
}

export interface PendingSignIn {
  readonly verifier: string;
  readonly state: string;
  readonly nonce: string;
  /** The page to return to: a path of this server's. */
  readonly returnTo: string;
}

export type VouchedAnswer = { ok: true; identity: VouchedIdentity } | { ok: false; reason: string };

/** A provider on this machine may be reached over plain HTTP (a test's, a developer's); any other only over HTTPS. */
function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

export class OidcSignIn {
  #config: Promise<client.Configuration> | undefined;

  constructor(
    private readonly settings: OidcSettings,
    private readonly scopes: RegionScopes,
  ) {}

  /** Where to send the browser, and what it must bring back. */
  async start(returnTo: string): Promise<{ url: string; pending: PendingSignIn }> {
    const config = await this.#configuration();
    const verifier = client.randomPKCECodeVerifier();
    const pending = { verifier, state: client.randomState(), nonce: client.randomNonce(), returnTo };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /** The person the provider vouches for on its way back (`callbackUrl`, as the provider called it), or why not. */
  async finish(callbackUrl: URL, pending: PendingSignIn): Promise<VouchedAnswer> {
    const config = await this.#configuration();
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce });
    const idClaims = tokens.claims();
    if (!idClaims) return { ok: false, reason: 'the provider sent no ID token' };
    const claims: Record<string, unknown> = { ...(await client.fetchUserInfo(config, tokens.access_token, idClaims.sub)), ...idClaims };
    const username = usernameSchema.safeParse(claims['preferred_username']);
    if (!username.success) return { ok: false, reason: 'preferred_username: is not a fraudwall username' };
    const role = claims[this.settings.roleClaim];
    if (typeof role !== 'string' || !VOUCHABLE_ROLES.includes(role as AccountRole)) {
      return { ok: false, reason: `${this.settings.roleClaim}: must be one of ${VOUCHABLE_ROLES.join(', ')}` };
    }
    const scope = claims[this.settings.scopeClaim];
    if (typeof scope !== 'string' || this.scopes.get(scope) === undefined) {
      return { ok: false, reason: `${this.settings.scopeClaim}: must be the adcode of ${this.scopes.region.name} or of a city or county inside it` };
    }
    return { ok: true, identity: { username: username.data, role: role as AccountRole, scope, issuer: idClaims.iss, subject: idClaims.sub } };
  }

  /** The provider's metadata, discovered once; a failed discovery is tried again next time. */
  #configuration(): Promise<client.Configuration> {
    const issuer = new URL(this.settings.issuer);
    this.#config ??= client
      .discovery(issuer, this.settings.clientId, this.settings.clientSecret, undefined, isLoopback(issuer) ? { execute: [client.allowInsecureRequests] } : {})
      .catch((error: unknown) => {
        this.#config = undefined;
        throw error;
      });
    return this.#config;
  }
}
