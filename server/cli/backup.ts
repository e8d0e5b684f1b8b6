// npm run backup -- --out FILE | --dir DIR [--keep N]: a consistent online copy of the database
// (sqlite-backup.ts; on PostgreSQL a pg_dump archive, postgres-backup.ts) beside its manifest,
// FILE.json. With --dir, the copy is named by when it was taken and the newest N complete ones
// are kept (the systemd timer's daily run). Exit 2, with nothing left half-written, when it fails.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readAuditKey } from '../audit/audit-key';
import { BackupRefused } from '../backup/backup-refused';
import { datedBackupFile, keepNewest } from '../backup/backup-rotation';
import { backupPostgres } from '../backup/postgres-backup';
import { backupSqlite } from '../backup/sqlite-backup';
import { readConfig } from '../config';
import { readBuild } from '../http/build-version';
import { CLIENT_DIST } from '../http/pages';
import { DATABASE_FILE } from '../store/sqlite/open-database';

const started = Date.now();
const config = readConfig(process.env);
try {
  const { values } = parseArgs({ options: { out: { type: 'string' }, dir: { type: 'string' }, keep: { type: 'string' } } });
  if (!values.out === !values.dir) {
    throw new BackupRefused('--out FILE or --dir DIR is required (where the copy goes; its manifest is FILE.json), not both');
  }
  const keep = values.keep === undefined ? undefined : Number(values.keep);
  if (keep !== undefined && (!Number.isInteger(keep) || keep < 1)) throw new BackupRefused(`--keep must be a whole number of copies, 1 or more (got ${values.keep})`);
  if (keep !== undefined && !values.dir) throw new BackupRefused('--keep goes with --dir');
  const engine = config.databaseUrl === undefined ? 'sqlite' : 'pgdump';
  if (values.dir) mkdirSync(values.dir, { recursive: true });
  const out = path.resolve(values.out || datedBackupFile(values.dir!, started, engine));
  const { version } = readBuild(CLIENT_DIST);
  const keyHex = readAuditKey(config.auditKeyFile);
  const manifest =
    config.databaseUrl === undefined
      ? await backupSqlite(path.join(config.dataDir, DATABASE_FILE), out, keyHex, version)
      : await backupPostgres(config.databaseUrl, out, version);
  process.stdout.write(
    `backup: OK — ${out} (${(manifest.bytes / 1_048_576).toFixed(1)} MB, ${manifest.events} events, ${manifest.auditRecords} audit records, ` +
      `schema ${manifest.schemaVersion}, sha256 ${manifest.sha256.slice(0, 12)}…) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  if (values.dir && keep !== undefined) {
    for (const name of keepNewest(values.dir, keep)) process.stdout.write(`backup: removed ${name} (kept the newest ${keep})\n`);
  }
} catch (error) {
  if (!(error instanceof BackupRefused)) throw error;
  process.stderr.write(`backup: ${error.message}\n`);
  process.exit(2);
}
