// Configuration from the environment (contract.md, "Running it"), validated at start: a bad
// value stops the server with a message naming the variable.
import path from 'node:path';
import proxyAddr from 'proxy-addr';
import { z } from 'zod';
import { DEFAULT_REGION, isRegionId, RegionScopes, regionPack, type RegionId } from '../shared/region';
import type { RoleTokens, ScopedToken } from './auth/roles';
import { readRegionMap } from './region/region-map-file';
import { readAlertTargetsFile } from './alerts/alert-targets-file';
import { isValidTimeZone } from '../shared/time/zoned-calendar';
import { INDEX_COMPONENTS, type IndexComponent } from '../shared/protocol/stats';
import { DEFAULT_INDEX_WEIGHTS } from './stats/anti-fraud-index';
import { DEFAULT_STREAM_LIMITS } from './stream/stream-limits';

const token = z
  .string()
  .min(16, 'must be at least 16 characters')
  .regex(/^\S+$/, 'must not contain spaces');

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

const flag = z.enum(['0', '1'], { error: 'must be 0 or 1' }).transform((v) => v === '1');

const minutes = z.coerce.number({ error: 'must be a number of minutes' }).positive('must be greater than 0').max(24 * 60, 'must be at most 1440');

/** "dissuasion:25,timeliness:20,…": every component named once, weights ≥ 0, summing to 100. */
const DEFAULT_WEIGHTS_TEXT = Object.entries(DEFAULT_INDEX_WEIGHTS).map(([name, weight]) => `${name}:${weight}`).join(',');
const indexWeights = z
  .string()
  .transform((text, ctx) => {
    const weights: Partial<Record<IndexComponent, number>> = {};
    for (const part of text.split(',')) {
      const [name, value] = part.split(':').map((s) => s.trim());
      const weight = Number(value);
      if (!INDEX_COMPONENTS.includes(name as IndexComponent) || value === undefined || !(weight >= 0)) {
        ctx.addIssue({ code: 'custom', message: `must be like ${DEFAULT_WEIGHTS_TEXT} (bad part "${part}")` });
        return z.NEVER;
      }
      weights[name as IndexComponent] = weight;
    }
    const missing = INDEX_COMPONENTS.filter((c) => weights[c] === undefined);
    if (missing.length > 0) {
      ctx.addIssue({ code: 'custom', message: `must give every component a weight (missing: ${missing.join(', ')})` });
      return z.NEVER;
    }
    const sum = Object.values(weights).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 100) > 1e-9) {
      ctx.addIssue({ code: 'custom', message: `must sum to 100 (these sum to ${sum})` });
      return z.NEVER;
    }
    return weights as Record<IndexComponent, number>;
  });

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
  });

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
  });

/** One environment variable: how it is parsed, its default as it would be written, and what it means. */
interface Declared {
  readonly parse: z.ZodType;
  readonly meaning: string;
  readonly default?: string;
}

const declare = <P extends z.ZodType, D extends string | undefined = undefined>(parse: P, meaning: string, fallback?: D) =>
  ({ parse, meaning, ...(fallback === undefined ? {} : { default: fallback }) }) as { readonly parse: P; readonly meaning: string; readonly default: D };

const number = (error = 'must be a number') => z.coerce.number({ error });
const days = (min: number, minMessage: string) =>
  number('must be a number of days').int('must be a whole number of days').min(min, minMessage).max(36_500, 'must be at most 36500');
const nonEmpty = z.string().min(1, 'must not be empty');

/**
 * Every variable fraudwall reads, declared once: the README's configuration table lists exactly
 * these, with these defaults (a test holds the two together).
 */
export const SETTINGS = {
  PORT: declare(number().int('must be an integer').min(0, 'must be 0…65535').max(65535, 'must be 0…65535'), 'HTTP + socket.io port (0: any free port; the chosen port is logged)', '8080'),
  HOST: declare(nonEmpty, 'listen address', '0.0.0.0'),
  FRAUDWALL_DATA_DIR: declare(nonEmpty, 'where the SQLite database lives (created if missing)', './data'),
  FRAUDWALL_DATABASE_URL: declare(
    z.string().refine((text) => URL.canParse(text) && ['postgres:', 'postgresql:'].includes(new URL(text).protocol), 'must be a postgres://user:password@host:port/database URL'),
    'the PostgreSQL database several nodes share; unset, SQLite in the data dir',
  ),
  FRAUDWALL_TZ: declare(z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Shanghai'), 'the time zone whose calendar days "today" and "this year" follow', 'Asia/Shanghai'),
  FRAUDWALL_REGION: declare(
    z.string().refine(isRegionId, 'must be one of the bundled regions (shaoxing, hangzhou, ningbo, …)').transform((id) => id as RegionId),
    'the region: a city or the province',
    DEFAULT_REGION,
  ),
  FRAUDWALL_INGEST_TOKEN: declare(token, 'bearer token for POST /api/v1/events'),
  FRAUDWALL_OPERATOR_TOKEN: declare(token, 'bearer token for operator actions (also carries the viewer’s rights)'),
  FRAUDWALL_VIEWER_TOKEN: declare(token, 'if set, walls and the snapshot need it; it covers the whole region'),
  FRAUDWALL_VIEWER_TOKENS: declare(scopedTokens, 'viewer tokens bound to a scope: adcode:token,…'),
  FRAUDWALL_OPERATOR_TOKENS: declare(scopedTokens, 'operator tokens bound to a scope: adcode:token,…'),
  FRAUDWALL_SIMULATE: declare(flag, 'run the built-in simulator', '0'),
  FRAUDWALL_SIMULATE_SPEED: declare(number().positive('must be greater than 0').max(10_000, 'must be at most 10000'), 'how much faster than real time the demo’s clock runs', '1'),
  FRAUDWALL_SIMULATE_HISTORY_DAYS: declare(
    number('must be a number of days').int('must be a whole number of days').min(0, 'must be 0 or more').max(3_650, 'must be at most 3650'),
    'days of history before yesterday the demo fills in (by default 730, 30 for the province)',
  ),
  FRAUDWALL_MAP_FILE: declare(nonEmpty, 'an approved GeoJSON map for the region, instead of the bundled one'),
  FRAUDWALL_MAP_SCALE: declare(
    number('must be a number of warnings').int('must be a whole number').min(1, 'must be at least 1').max(10_000_000, 'must be at most 10000000'),
    'today’s warnings in one place that the map shows in its top colour (by default twice a place’s share of yesterday)',
  ),
  FRAUDWALL_CENTER_NAME: declare(z.string().max(40, 'must be at most 40 characters'), 'the wall’s title (by default the region’s anti-fraud center)'),
  FRAUDWALL_SLA_AMBER_MINUTES: declare(minutes, 'an open escalation turns amber after this long', '15'),
  FRAUDWALL_SLA_RED_MINUTES: declare(minutes, '… and red after this long (must exceed amber)', '30'),
  FRAUDWALL_INDEX_WEIGHTS: declare(indexWeights, 'weights of the anti-fraud index, summing to 100', DEFAULT_WEIGHTS_TEXT),
  FRAUDWALL_INDEX_MONEY_CAP: declare(number().min(1, 'must be at least 1').max(100, 'must be at most 100'), 'money saved per warning scores in full at this multiple of the region’s average', '2'),
  FRAUDWALL_STREAM_COMPRESSION: declare(flag, 'per-message deflate on the wall stream', '0'),
  FRAUDWALL_TRUST_PROXY: declare(trustProxy, 'which proxies’ X-Forwarded-For names the client (Express’s trust proxy)', 'false'),
  FRAUDWALL_ALLOWED_ORIGINS: declare(origins, 'origins besides the server’s own whose pages may open the wall stream'),
  FRAUDWALL_MAX_EVENT_AGE_DAYS: declare(days(1, 'must be at least 1'), 'events dated more than this many days ago are refused', '1100'),
  FRAUDWALL_MAX_SOCKETS_PER_ADDRESS: declare(
    number().int('must be a whole number').min(1, 'must be at least 1').max(100_000, 'must be at most 100000'),
    'wall and console sockets open at once from one client address',
    String(DEFAULT_STREAM_LIMITS.socketsPerAddress),
  ),
  FRAUDWALL_SESSION_IDLE_MINUTES: declare(minutes, 'a signed-in session ends after this long without use', '30'),
  FRAUDWALL_AUDIT_KEY_FILE: declare(nonEmpty, 'the audit chain’s key (unset: audit.key in FRAUDWALL_DATA_DIR), made with mode 0600 on first start; keep it on other storage than the database, the same file on every node'),
  FRAUDWALL_AUDIT_ANCHOR_FILE: declare(nonEmpty, 'where the audit chain’s head is appended at least once a minute (unset: audit-anchors.jsonl beside the key); each node may keep its own'),
  FRAUDWALL_AUDIT_RETENTION_DAYS: declare(days(180, 'must be at least 180: audit records are kept at least six months'), 'audit records older than this are removed', '180'),
  FRAUDWALL_OIDC_ISSUER: declare(z.url({ protocol: /^https?$/, error: 'must be the identity provider’s issuer URL' }), 'single sign-on: the identity provider’s issuer'),
  FRAUDWALL_OIDC_CLIENT_ID: declare(nonEmpty, 'single sign-on: this server’s client id at the provider'),
  FRAUDWALL_OIDC_CLIENT_SECRET: declare(nonEmpty, 'single sign-on: this server’s client secret'),
  FRAUDWALL_OIDC_REDIRECT_URI: declare(
    z.url({ protocol: /^https?$/, error: 'must be this server’s …/api/v1/session/oidc/callback URL as the provider knows it' }),
    'single sign-on: this server’s callback URL as the provider knows it',
  ),
  FRAUDWALL_OIDC_ROLE_CLAIM: declare(nonEmpty, 'the provider’s claim that carries an account’s role', 'fraudwall_role'),
  FRAUDWALL_OIDC_SCOPE_CLAIM: declare(nonEmpty, 'the provider’s claim that carries an account’s scope', 'fraudwall_scope'),
  FRAUDWALL_PII_RETENTION_DAYS: declare(days(1, 'must be at least 1'), 'victims’ phones and names are erased this long after their event was received', '180'),
  FRAUDWALL_PUBLIC_URL: declare(
    z.url({ protocol: /^https?$/, error: 'must be the address people open the console at, like https://fraudwall.example' }).transform((text) => text.replace(/\/+$/, '')),
    'the address people reach this server at: an alarm’s link to the console card',
  ),
  FRAUDWALL_ALERT_TARGETS_FILE: declare(nonEmpty, 'alert targets kept with the deployment: a JSON array of the objects POST /api/v1/alert-targets takes'),
  FRAUDWALL_ALERT_REPEAT_MINUTES: declare(minutes, 'an alarm still standing is sent again this often (real minutes)', '15'),
  FRAUDWALL_SURGE_P: declare(
    number().gt(0, 'must be greater than 0').max(0.5, 'must be at most 0.5'),
    'a fraud type\'s last hour in a place is a surge when so many or more would come this rarely at its usual rate (Poisson)',
    '0.001',
  ),
  FRAUDWALL_SURGE_MIN: declare(number().int('must be a whole number').min(1, 'must be at least 1').max(10_000, 'must be at most 10000'), 'fewer warnings of a type in an hour are never a surge', '5'),
  FRAUDWALL_FEED_SILENT_MINUTES: declare(minutes, 'a feed is silent after this long without an event, or longer where it usually goes quiet longer at that hour', '30'),
  FRAUDWALL_LOG_LEVEL: declare(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'pino log level', 'info'),
} satisfies Record<string, Declared>;

type Settings = typeof SETTINGS;
/** Each variable's value: its parser's output, or undefined for one without a default that is not set. */
type Values = { [K in keyof Settings]: z.output<Settings[K]['parse']> | (Settings[K]['default'] extends string ? never : undefined) };

export class ConfigError extends Error {}

/** Parses every declared variable, naming each one that is wrong; unset ones take their default. */
function parseSettings(env: Record<string, string | undefined>): Values {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, setting] of Object.entries(SETTINGS) as [string, Declared][]) {
    // An empty variable means "not set", as in most shells' `VAR= command`.
    const raw = env[name] === '' ? undefined : (env[name] ?? setting.default);
    if (raw === undefined) continue;
    const parsed = setting.parse.safeParse(raw);
    if (parsed.success) values[name] = parsed.data;
    else problems.push(...parsed.error.issues.map((issue) => `${name}: ${issue.message}`));
  }
  if (problems.length > 0) throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  return values as Values;
}

export function readConfig(env: Record<string, string | undefined>) {
  const c = parseSettings(env);
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
  let alertTargets: ReturnType<typeof readAlertTargetsFile> = [];
  if (c.FRAUDWALL_ALERT_TARGETS_FILE) {
    try {
      alertTargets = readAlertTargetsFile(c.FRAUDWALL_ALERT_TARGETS_FILE, scopes);
    } catch (error) {
      throw new ConfigError(`invalid configuration: FRAUDWALL_ALERT_TARGETS_FILE: ${error instanceof Error ? error.message : String(error)}`);
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
    ...auditFiles(c.FRAUDWALL_DATA_DIR, c.FRAUDWALL_AUDIT_KEY_FILE, c.FRAUDWALL_AUDIT_ANCHOR_FILE),
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
    allowedOrigins: c.FRAUDWALL_ALLOWED_ORIGINS ?? [],
    maxEventAgeDays: c.FRAUDWALL_MAX_EVENT_AGE_DAYS,
    maxSocketsPerAddress: c.FRAUDWALL_MAX_SOCKETS_PER_ADDRESS,
    ...(c.FRAUDWALL_CENTER_NAME ? { centerName: c.FRAUDWALL_CENTER_NAME } : {}),
    sla: { amberMinutes: c.FRAUDWALL_SLA_AMBER_MINUTES, redMinutes: c.FRAUDWALL_SLA_RED_MINUTES },
    ...(c.FRAUDWALL_MAP_SCALE === undefined ? {} : { mapScale: c.FRAUDWALL_MAP_SCALE }),
    index: { weights: c.FRAUDWALL_INDEX_WEIGHTS, moneyCap: c.FRAUDWALL_INDEX_MONEY_CAP },
    ...(c.FRAUDWALL_PUBLIC_URL ? { publicUrl: c.FRAUDWALL_PUBLIC_URL } : {}),
    alerts: { targets: alertTargets, repeatMinutes: c.FRAUDWALL_ALERT_REPEAT_MINUTES, feedSilentMinutes: c.FRAUDWALL_FEED_SILENT_MINUTES },
    surges: { p: c.FRAUDWALL_SURGE_P, minCount: c.FRAUDWALL_SURGE_MIN },
  };
}

/** The audit chain's key file (in the data dir unless set) and anchor file (beside the key unless set). */
function auditFiles(dataDir: string, keyFile: string | undefined, anchorFile: string | undefined): { auditKeyFile: string; auditAnchorFile: string } {
  const auditKeyFile = keyFile ?? path.join(dataDir, 'audit.key');
  return { auditKeyFile, auditAnchorFile: anchorFile ?? path.join(path.dirname(auditKeyFile), 'audit-anchors.jsonl') };
}

/** The configuration the server runs with. */
export type Config = ReturnType<typeof readConfig>;
