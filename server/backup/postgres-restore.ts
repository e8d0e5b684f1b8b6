// npm run restore on PostgreSQL: a pg_dump archive from `npm run backup` restored into an empty
// database in one transaction (pg_restore --single-transaction: cut short, it leaves nothing),
// then — before any node serves it — migrated, its audit chain walked, the victims' retention
// applied again and the restore recorded. The change follower keeps no transaction ids of the
// old cluster (issue 24), so nodes started on it bring every new event to the walls.
import { PgAudit } from '../store/postgres/audit';
import { migrate } from '../store/postgres/migrations';
import { PgPiiEraser } from '../store/postgres/pii-eraser';
import { openPool } from '../store/postgres/pool';
import { describe } from '../store/errors';
import { isSchemaNewer } from '../upgrade/schema-newer';
import { BackupRefused } from './backup-refused';
import { eraseDueVictims } from './erase-due-victims';
import { describedBackup, provenWhole } from './manifest';
import { provenChain } from './proven-chain';
import { runPgTool } from './pg-tool';
import type { RestoreRequest, RestoreResult } from './restore-request';


export async function restorePostgres(request: RestoreRequest, url: string): Promise<RestoreResult> {
  const manifest = describedBackup(request.backup, 'postgresql');
  await provenWhole(request.backup, manifest);
  const pool = openPool(url, 2, () => {});
  let restored = false;
  try {
    const tables = (await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).rows[0]!.n;
    if (tables > 0) throw new BackupRefused(`the database already holds ${tables} tables: a restore goes into an empty database only (createdb a new one)`);
    await runPgTool('pg_restore', ['--exit-on-error', '--single-transaction', '--no-owner', '-d', url, request.backup]);
    restored = true;
    await migrate(pool);
    const audit = new PgAudit(pool, request.keyHex);
    await provenChain(audit.records(), request.keyHex, 'the restored database');
    const eraser = new PgPiiEraser(pool);
    const erased = await eraseDueVictims((cutoffMs, limit) => eraser.chunk(cutoffMs, limit), request.piiCutoffMs);
    if (erased > 0) await eraser.compact();
    await audit.append(request.record(manifest, erased));
    return { manifest, erased, database: url.replace(/\/\/[^@/]*@/, '//') };
  } catch (error) {
    // The database was empty: it is left so, never half made fit to serve.
    if (restored) await pool.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    if (isSchemaNewer(error)) throw new BackupRefused(describe(error));
    throw error;
  } finally {
    await pool.end();
  }
}
