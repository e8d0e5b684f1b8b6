// The store's conformance suite: these tests run once on SQLite with everything else, and again
// on PostgreSQL (the vitest project `postgres`, one throwaway cluster per run) — a behaviour that
// differs between the engines is a bug. A test of the store's behaviour belongs here.
export const POSTGRES_CONFORMANCE = [
  'tests/server/ingest.test.ts',
  'tests/server/operator-steps.test.ts',
  'tests/server/stats.test.ts',
  'tests/server/like-for-like.test.ts',
  'tests/server/integrity.test.ts',
  'tests/server/batching.test.ts',
  'tests/server/legacy-codes.test.ts',
  'tests/server/scopes.test.ts',
  'tests/server/midnight.test.ts',
  'tests/server/privacy.test.ts',
  'tests/hostile/auth-lockout.test.ts',
  'tests/hostile/sign-in-abuse.test.ts',
  'tests/hostile/device-walls.test.ts',
  'tests/hostile/audit-tampering.test.ts',
  'tests/hostile/scoped-keys.test.ts',
  'tests/hostile/unmasked-reads.test.ts',
  'tests/server/users-cli.test.ts',
  'tests/server/sign-in.test.ts',
  'tests/server/session-access.test.ts',
  'tests/server/audit.test.ts',
  'tests/server/admin-accounts.test.ts',
  'tests/server/audit-retention.test.ts',
  'tests/server/pii-retention.test.ts',
  'tests/server/upstream-keys.test.ts',
] as const;
