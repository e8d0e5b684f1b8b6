// npm run backup on PostgreSQL: a pg_dump archive (-Fc) of one snapshot, whose events and audit
// records are counted in that same snapshot for the manifest — exported by a repeatable-read
// transaction and handed to pg_dump, so the counts are exactly what the archive holds, while
// ingest goes on. Written under a temporary name, read back whole by pg_restore --list, then
// renamed into place beside its manifest.
import pg from 'pg';
import { BackupRefused } from './backup-refused';
import { discardPartial, partialFileOf, placeBackup, type BackupManifest } from './manifest';
import { runPgTool } from './pg-tool';

export async function backupPostgres(url: string, out: string, version: string): Promise<BackupManifest> {
  const partial = partialFileOf(out);
  discardPartial(out);
  const takenAt = new Date().toISOString();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]!.id;
    const counted = await client.query<{ schema: number; events: string; audit: string }>(
      'SELECT (SELECT version FROM schema_version) AS schema, (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM audit) AS audit',
    );
    await runPgTool('pg_dump', ['-Fc', `--snapshot=${snapshot}`, '-f', partial, '-d', url]);
    await client.query('COMMIT');
    await runPgTool('pg_restore', ['--list', partial]);
    const row = counted.rows[0]!;
    return await placeBackup(out, { engine: 'postgresql', schemaVersion: row.schema, events: Number(row.events), auditRecords: Number(row.audit), takenAt, version });
  } catch (error) {
    discardPartial(out);
    throw error instanceof BackupRefused ? error : new BackupRefused(`the dump failed, nothing was kept: ${String(error)}`);
  } finally {
    await client.end();
  }
}
