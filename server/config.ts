// Configuration from the environment (contract.md, "Running it"), validated at start: a bad
// value stops the server with a message naming the variable.
import proxyAddr from 'proxy-addr';
import { z } from 'zod';
import { DEFAULT_REGION, isRegionId, RegionScopes, regionPack, type RegionId } from '../shared/region';
import type { RoleTokens, ScopedToken } from './auth/roles';
import { readRegionMap } from './region/region-map-file';
import { isValidTimeZone } from '../shared/time/zoned-calendar';
import { INDEX_COMPONENTS, type IndexComponent } from '../shared/protocol/stats';
import { DEFAULT_INDEX_WEIGHTS } from './stats/anti-fraud-index';
import { DEFAULT_STREAM_LIMITS } from './stream/stream-limits';

const optionalToken = z
  .string()
  .min(16, 'must be at least 16 characters')
  .regex(/^\S+$/, 'must not contain spaces')
  .optional();

/** "330602:token,330600:token": tokens bound to scopes (contract: *Scoped tokens*). */
const scopedTokens = z.string().transform((text, ctx) => {
  const tokens: ScopedToken[] = [];
  for (const part of text.split(',')) {
    const match = /^\s*(\d{6}):(\S{16,})\s*$/.exec(part);
    if (!match) {
      ctx.addIssue({ code: 'custom', message: `must be comma-separated adcode:token pairs, tokens at least 16 characters without spaces (bad part "${part.split(':')[0]}:…")` });
      return z.NEVER;
    }
    tokens.push({ scope: match[1]!, token: match[2]! });
  }
  return tokens;
});

const flag = (fallback: '0' | '1') =>
  z
    .enum(['0', '1'], { error: 'must be 0 or 1' })
    .default(fallback)
    .transform((v) => v === '1');

const minutes = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a number of minutes' })
    .positive('must be greater than 0')
    .max(24 * 60, 'must be at most 1440')
    .default(fallback);

/** "dissuasion:30,timeliness:20,…": every component named once, weights ≥ 0, not all zero. */
const indexWeights = z
  .string()
  .transform((text, ctx) => {
    const weights: Partial<Record<IndexComponent, number>> = {};
    for (const part of text.split(',')) {
      const [name, value] = part.split(':').map((s) => s.trim());
      const weight = Number(value);
      if (!INDEX_COMPONENTS.includes(name as IndexComponent) || value === undefined || !(weight >= 0)) {
        ctx.addIssue({ code: 'custom', message: `must be like dissuasion:30,timeliness:20,closure:20,money:15,cases:15 (bad part "${part}")` });
        return z.NEVER;
      }
      weights[name as IndexComponent] = weight;
    }
    const missing = INDEX_COMPONENTS.filter((c) => weights[c] === undefined);
    if (missing.length > 0 || Object.values(weights).every((w) => w === 0)) {
      ctx.addIssue({ code: 'custom', message: `must give every component a weight, not all zero (missing: ${missing.join(', ') || 'none'})` });
      return z.NEVER;
    }
    return weights as Record<IndexComponent, number>;
  })
  .optional();

/** Express's `trust proxy`: true/false, a hop count, or addresses, subnets and names (loopback, uniquelocal, …). */
export type TrustProxy = boolean | number | string[];
const trustProxy = z
  .string()
  .transform((text, ctx): TrustProxy => {
    if (text === 'true' || text === 'false') return text === 'true';
    if (/^\d+$/.test(text)) return Number(text);
    const list = text.split(',').map((part) => part.trim());
    try {
      proxyAddr.compile(list);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `must be true, false, a hop count or addresses/subnets (${error instanceof Error ? error.message : String(error)})` });
      return z.NEVER;
    }
    return list;
  })
  .default(false);

/** Origins other than the server's own whose pages may open the wall stream, e.g. http://wall.example:8080. */
const origins = z
  .string()
  .transform((text, ctx) => {
    const list = text.split(',').map((part) => part.trim());
    for (const origin of list) {
      if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
        ctx.addIssue({ code: 'custom', message: `must be comma-separated origins like http://wall.example:8080 (bad "${origin}")` });
        return z.NEVER;
      }
    }
    return list;
  })
  .default([]);

const ConfigSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(0, 'must be 0…65535')
    .max(65535, 'must be 0…65535')
    .default(8080),
  HOST: z.string().min(1, 'must not be empty').default('0.0.0.0'),
  FRAUDWALL_DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  FRAUDWALL_DATABASE_URL: z
    .string()
    .refine((text) => URL.canParse(text) && ['postgres:', 'postgresql:'].includes(new URL(text).protocol), 'must be a postgres://user:password@host:port/database URL')
    .optional(),
  FRAUDWALL_TZ: z
    .string()
    .refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Shanghai')
    .default('Asia/Shanghai'),
  FRAUDWALL_REGION: z
    .string()
    .refine(isRegionId, 'must be one of the bundled regions (shaoxing, hangzhou, ningbo, …)')
    .default(DEFAULT_REGION)
    .transform((id) => id as RegionId),
  FRAUDWALL_INGEST_TOKEN: optionalToken,
  FRAUDWALL_OPERATOR_TOKEN: optionalToken,
  FRAUDWALL_VIEWER_TOKEN: optionalToken,
  FRAUDWALL_VIEWER_TOKENS: scopedTokens.optional(),
  FRAUDWALL_OPERATOR_TOKENS: scopedTokens.optional(),
  FRAUDWALL_SIMULATE: flag('0'),
  FRAUDWALL_SIMULATE_SPEED: z.coerce
    .number({ error: 'must be a number' })
    .positive('must be greater than 0')
    .max(10_000, 'must be at most 10000')
    .default(1),
  FRAUDWALL_MAP_FILE: z.string().min(1).optional(),
  FRAUDWALL_SIMULATE_HISTORY_DAYS: z.coerce
    .number({ error: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(0, 'must be 0 or more')
    .max(3_650, 'must be at most 3650')
    .optional(),
  FRAUDWALL_CENTER_NAME: z.string().max(40, 'must be at most 40 characters').optional(),
  FRAUDWALL_SLA_AMBER_MINUTES: minutes(15),
  FRAUDWALL_SLA_RED_MINUTES: minutes(30),
  FRAUDWALL_INDEX_WEIGHTS: indexWeights,
  FRAUDWALL_INDEX_MONEY_CAP: z.coerce.number({ error: 'must be a number' }).min(1, 'must be at least 1').max(100, 'must be at most 100').default(2),
  FRAUDWALL_STREAM_COMPRESSION: flag('0'),
  FRAUDWALL_TRUST_PROXY: trustProxy,
  FRAUDWALL_ALLOWED_ORIGINS: origins,
  FRAUDWALL_MAX_SOCKETS_PER_ADDRESS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(100_000, 'must be at most 100000')
    .default(DEFAULT_STREAM_LIMITS.socketsPerAddress),
  FRAUDWALL_MAX_EVENT_AGE_DAYS: z.coerce
    .number({ error: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1')
    .max(36_500, 'must be at most 36500')
    .default(1_100),
  FRAUDWALL_SESSION_IDLE_MINUTES: minutes(30),
  FRAUDWALL_AUDIT_RETENTION_DAYS: z.coerce
    .number({ error: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(180, 'must be at least 180: audit records are kept at least six months')
    .max(36_500, 'must be at most 36500')
    .default(180),
  FRAUDWALL_OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'must be the identity provider’s issuer URL' }).optional(),
  FRAUDWALL_OIDC_CLIENT_ID: z.string().min(1, 'must not be empty').optional(),
  FRAUDWALL_OIDC_CLIENT_SECRET: z.string().min(1, 'must not be empty').optional(),
  FRAUDWALL_OIDC_REDIRECT_URI: z.url({ protocol: /^https?$/, error: 'must be this server’s …/api/v1/session/oidc/callback URL as the provider knows it' }).optional(),
  FRAUDWALL_OIDC_ROLE_CLAIM: z.string().min(1, 'must not be empty').default('fraudwall_role'),
  FRAUDWALL_OIDC_SCOPE_CLAIM: z.string().min(1, 'must not be empty').default('fraudwall_scope'),
  FRAUDWALL_PII_RETENTION_DAYS: z.coerce
    .number({ error: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1')
    .max(36_500, 'must be at most 36500')
    .default(180),
  FRAUDWALL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

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

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** The PostgreSQL database several nodes share; unset, SQLite in dataDir. */
  readonly databaseUrl?: string;
  readonly timeZone: string;
  readonly region: RegionId;
  readonly tokens: RoleTokens;
  readonly simulate: boolean;
  readonly simulateSpeed: number;
  /** Days of history before yesterday the demo fills in behind the live wall (0: none). */
  readonly simulateHistoryDays: number;
  /** An operator's own approved map for the region, replacing the bundled GeoJSON. */
  readonly mapFile?: string;
  readonly logLevel: string;
  /** A signed-in session ends after this long without use. */
  readonly sessionIdleMinutes: number;
  /** Audit records older than this are removed from the start of the chain (never fewer than 180). */
  readonly auditRetentionDays: number;
  /** Victims' phones and names are erased this long after their event was received. */
  readonly piiRetentionDays: number;
  /** Single sign-on through the police's identity provider, if configured. */
  readonly oidc?: OidcSettings;
  /** Per-message deflate on the wall stream: small frames for a room of walls, costly for a crowd of viewers. */
  readonly streamCompression: boolean;
  /** Which proxies' X-Forwarded-For decides a client's address (Express's `trust proxy`). */
  readonly trustProxy: TrustProxy;
  /** Origins besides the server's own allowed to open the wall stream. */
  readonly allowedOrigins: readonly string[];
  /** Wall sockets open at once from one client address. */
  readonly maxSocketsPerAddress: number;
  /** Events dated earlier than this many days before now are rejected. */
  readonly maxEventAgeDays: number;
  /** The wall's title; by default the region's anti-fraud center. */
  readonly centerName?: string;
  /** How long an escalation may stay open before it turns amber, then red. */
  readonly sla: { readonly amberMinutes: number; readonly redMinutes: number };
  /** The anti-fraud index: component weights and the money-per-warning cap. */
  readonly index: { readonly weights: Readonly<Record<IndexComponent, number>>; readonly moneyCap: number };
}

export class ConfigError extends Error {}

export function readConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means "not set", as in most shells' `VAR= command`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const c = parsed.data;
  if (c.FRAUDWALL_SLA_RED_MINUTES <= c.FRAUDWALL_SLA_AMBER_MINUTES) {
    throw new ConfigError('invalid configuration: FRAUDWALL_SLA_RED_MINUTES: must be greater than FRAUDWALL_SLA_AMBER_MINUTES');
  }
  // The province's day is 18 times a city's (≈ 110,000 events, ≈ 36 MB): a month by default.
  const historyDays = c.FRAUDWALL_SIMULATE_HISTORY_DAYS ?? (regionPack(c.FRAUDWALL_REGION).level === 'province' ? 30 : 730);
  if (c.FRAUDWALL_SIMULATE && historyDays + 2 > c.FRAUDWALL_MAX_EVENT_AGE_DAYS) {
    throw new ConfigError(
      'invalid configuration: FRAUDWALL_SIMULATE_HISTORY_DAYS: must be at least 2 days less than FRAUDWALL_MAX_EVENT_AGE_DAYS (older events are refused)',
    );
  }
  const oidcNames = ['FRAUDWALL_OIDC_ISSUER', 'FRAUDWALL_OIDC_CLIENT_ID', 'FRAUDWALL_OIDC_CLIENT_SECRET', 'FRAUDWALL_OIDC_REDIRECT_URI'] as const;
  const oidcMissing = oidcNames.filter((name) => c[name] === undefined);
  if (oidcMissing.length > 0 && oidcMissing.length < oidcNames.length) {
    throw new ConfigError(`invalid configuration: ${oidcMissing.join(', ')}: single sign-on needs all of ${oidcNames.join(', ')}`);
  }
  const scopes = new RegionScopes(regionPack(c.FRAUDWALL_REGION));
  for (const name of ['FRAUDWALL_VIEWER_TOKENS', 'FRAUDWALL_OPERATOR_TOKENS'] as const) {
    const outside = c[name]?.find(({ scope }) => !scopes.get(scope));
    if (outside) {
      throw new ConfigError(`invalid configuration: ${name}: ${outside.scope} is not ${scopes.region.name} (${scopes.region.adcode}) or a city or county inside it`);
    }
  }
  const tokens: RoleTokens = {
    ...(c.FRAUDWALL_INGEST_TOKEN ? { ingest: c.FRAUDWALL_INGEST_TOKEN } : {}),
    ...(c.FRAUDWALL_OPERATOR_TOKEN ? { operator: c.FRAUDWALL_OPERATOR_TOKEN } : {}),
    ...(c.FRAUDWALL_VIEWER_TOKEN ? { viewer: c.FRAUDWALL_VIEWER_TOKEN } : {}),
    scopedViewers: c.FRAUDWALL_VIEWER_TOKENS ?? [],
    scopedOperators: c.FRAUDWALL_OPERATOR_TOKENS ?? [],
  };
  // One token, one power: a token configured twice would carry whichever scope matched first.
  const all = [tokens.ingest, tokens.operator, tokens.viewer, ...(tokens.scopedViewers ?? []), ...(tokens.scopedOperators ?? [])].flatMap((t) =>
    t === undefined ? [] : [typeof t === 'string' ? t : t.token],
  );
  if (new Set(all).size !== all.length) {
    throw new ConfigError('invalid configuration: FRAUDWALL_VIEWER_TOKENS: every configured token must be different from every other');
  }
  if (c.FRAUDWALL_MAP_FILE) {
    try {
      readRegionMap(c.FRAUDWALL_MAP_FILE, regionPack(c.FRAUDWALL_REGION));
    } catch (error) {
      throw new ConfigError(`invalid configuration: FRAUDWALL_MAP_FILE: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: c.FRAUDWALL_DATA_DIR,
    ...(c.FRAUDWALL_DATABASE_URL ? { databaseUrl: c.FRAUDWALL_DATABASE_URL } : {}),
    timeZone: c.FRAUDWALL_TZ,
    region: c.FRAUDWALL_REGION,
    tokens,
    simulate: c.FRAUDWALL_SIMULATE,
    simulateSpeed: c.FRAUDWALL_SIMULATE_SPEED,
    simulateHistoryDays: historyDays,
    ...(c.FRAUDWALL_MAP_FILE ? { mapFile: c.FRAUDWALL_MAP_FILE } : {}),
    logLevel: c.FRAUDWALL_LOG_LEVEL,
    sessionIdleMinutes: c.FRAUDWALL_SESSION_IDLE_MINUTES,
    auditRetentionDays: c.FRAUDWALL_AUDIT_RETENTION_DAYS,
    piiRetentionDays: c.FRAUDWALL_PII_RETENTION_DAYS,
    ...(c.FRAUDWALL_OIDC_ISSUER && c.FRAUDWALL_OIDC_CLIENT_ID && c.FRAUDWALL_OIDC_CLIENT_SECRET && c.FRAUDWALL_OIDC_REDIRECT_URI
      ? {
          oidc: {
            issuer: c.FRAUDWALL_OIDC_ISSUER,
            clientId: c.FRAUDWALL_OIDC_CLIENT_ID,
            clientSecret: c.FRAUDWALL_OIDC_CLIENT_SECRET,
            redirectUri: c.FRAUDWALL_OIDC_REDIRECT_URI,
            roleClaim: c.FRAUDWALL_OIDC_ROLE_CLAIM,
            scopeClaim: c.FRAUDWALL_OIDC_SCOPE_CLAIM,
          },
        }
      : {}),
    streamCompression: c.FRAUDWALL_STREAM_COMPRESSION,
    trustProxy: c.FRAUDWALL_TRUST_PROXY,
    allowedOrigins: c.FRAUDWALL_ALLOWED_ORIGINS,
    maxEventAgeDays: c.FRAUDWALL_MAX_EVENT_AGE_DAYS,
    maxSocketsPerAddress: c.FRAUDWALL_MAX_SOCKETS_PER_ADDRESS,
    ...(c.FRAUDWALL_CENTER_NAME ? { centerName: c.FRAUDWALL_CENTER_NAME } : {}),
    sla: { amberMinutes: c.FRAUDWALL_SLA_AMBER_MINUTES, redMinutes: c.FRAUDWALL_SLA_RED_MINUTES },
    index: { weights: c.FRAUDWALL_INDEX_WEIGHTS ?? { ...DEFAULT_INDEX_WEIGHTS }, moneyCap: c.FRAUDWALL_INDEX_MONEY_CAP },
  };
}
