// PostgreSQL's repositories (ports.ts) on a database that several nodes share
// (FRAUDWALL_DATABASE_URL): one store thread answers both the writer's use cases and the
// reader's, side by side in the database. A write runs in a transaction holding the cluster's
// write lock; each node's live state follows the change feed (change-follower.ts), its own
// commits included, and a write is answered once this node's feed has passed it.
import { ZonedCalendar } from '../../../shared/time/zoned-calendar';
import type { AddressFailures } from '../../accounts/sign-in';
import { classified } from '../errors';
import type { ReaderPorts, WriterPorts } from '../ports';
import { authFailureStatements } from '../sql/auth-failure-sql';
import type { Tell } from '../store';
import type { StoreSettings } from '../store-settings';
import { PgAccounts } from './accounts';
import { PgAudit } from './audit';
import { PgBatchTransaction } from './batch-transaction';
import { ChangeFollower, CHANGE_RETENTION_MS } from './change-follower';
import { isPostgresFault } from './faults';
import { PgHealth } from './health';
import { migrate, PG_SCHEMA_VERSION } from './migrations';
import { PgPiiEraser } from './pii-eraser';
import { openPool } from './pool';
import { PgReads, readBasis } from './reads';
import { PgSessions } from './sessions';
import { PgSignInFailures } from './sign-in-failures';
import { PgSsoBindings } from './sso-bindings';
import { PgWallControl } from './wall-control';
import { PgAlerts } from './alerts';
import { PgFeeds } from './feeds';
import { PgSurges } from './surges';

const AUTH_FAILURES = authFailureStatements((n) => `$${n}`);

/** Connections per node: writes queue on the cluster's write lock anyway; reads run beside them. */
const POOL_SIZE = 8;

/** Connects and migrates (once, whichever node comes first); rejects if the database cannot be reached. */
export async function openPostgres(url: string, settings: StoreSettings, tell: Tell): Promise<WriterPorts & ReaderPorts> {
  const pool = openPool(url, POOL_SIZE, () => {});
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const calendar = new ZonedCalendar(settings.timeZone);
  const reads = new PgReads(pool);
  const pgHealth = new PgHealth(pool);
  const follower = new ChangeFollower(pool, url, {
    change: (change) => tell({ kind: 'change', change }),
    resync: () => tell({ kind: 'resync' }),
  });
  const audit = new PgAudit(pool, settings.auditKey);

  return {
    health: {
      get health() {
        return pgHealth.health;
      },
      async check() {
        const health = await pgHealth.check();
        // The feed keeps a quarter of an hour: enough for any node's follower to catch up.
        if (health.ok) await pool.query("DELETE FROM changes WHERE written_at < now() - $1 * interval '1 millisecond'", [CHANGE_RETENTION_MS]).catch(() => {});
        return health;
      },
      assertWritable: () => pgHealth.assertWritable(),
      assertAuditRoom: () => pgHealth.assertAuditRoom(),
    },
    async underWriteLock(work) {
      await pgHealth.assertWritable();
      let done;
      try {
        done = await PgBatchTransaction.run(pool, calendar, async (tx) => work(tx));
      } catch (error) {
        const failure = classified(error, isPostgresFault);
        if (failure !== error) pgHealth.writeFailed(error);
        throw failure;
      }
      if (done.xid !== undefined) await follower.caughtUp(done.xid);
      return done.result;
    },
    liveBasis: (day) => follower.basis((client) => readBasis(client, day)),
    openEscalationRecords: () => reads.openEscalationRecords(),
    hasEvents: () => reads.hasEvents(),
    async countAuthFailure(address, nowMs) {
      await pool.query(AUTH_FAILURES.prune, [address, nowMs]);
      const { rows } = await pool.query<{ failures: number }>(AUTH_FAILURES.count, [address, nowMs]);
      return rows[0]!.failures;
    },
    async addressFailures(address) {
      const { rows } = await pool.query<AddressFailures>(AUTH_FAILURES.get, [address]);
      return rows[0];
    },
    signInFailures: new PgSignInFailures(pool),
    ssoBindings: new PgSsoBindings(pool),
    accounts: new PgAccounts(pool),
    sessions: new PgSessions(pool),
    audit,
    eraser: new PgPiiEraser(pool),
    wallControl: new PgWallControl(pool, follower),
    alerts: new PgAlerts(pool),
    feeds: new PgFeeds(pool),
    surges: new PgSurges(pool),
    metaGet: (key) => reads.metaGet(key),
    metaSet: (key, value) => reads.metaSet(key, value),
    databaseBytes: () => reads.databaseBytes(),
    schemaVersions: async () => ({ found: (await pool.query<{ version: number }>('SELECT version FROM schema_version')).rows[0]!.version, supported: PG_SCHEMA_VERSION }),
    rollupSums: reads,
    faceToFace: reads,
    playback: reads,
    openEscalations: reads,
    stations: (county, limit) => reads.stations(county, limit),
    newestDeadLetters: (limit, within) => reads.newestDeadLetters(limit, within),
    async close() {
      await follower.close();
      await pool.end();
    },
  };
}
