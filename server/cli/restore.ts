// npm run restore -- FILE [--audit-key KEYFILE]: puts a backup made by `npm run backup` in place
// as the data dir's database, or into the empty PostgreSQL database configured (sqlite-restore.ts
// and postgres-restore.ts say what they prove first). The audit key the
// backup was written under must be at FRAUDWALL_AUDIT_KEY_FILE, or given with --audit-key (it is
// then put there). The anchors of the chain it replaces are set aside under a name that says so.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readAuditKey } from '../audit/audit-key';
import { setAnchorsAside } from '../audit/chain-anchor';
import { BackupRefused } from '../backup/backup-refused';
import { restorePostgres } from '../backup/postgres-restore';
import type { RestoreRequest } from '../backup/restore-request';
import { restoreSqlite } from '../backup/sqlite-restore';
import { readConfig } from '../config';

const DAY_MS = 86_400_000;

const { values, positionals } = parseArgs({ options: { 'audit-key': { type: 'string' } }, allowPositionals: true });
const config = readConfig(process.env);
try {
  const backup = positionals[0];
  if (backup === undefined || positionals.length > 1) throw new BackupRefused('usage: npm run restore -- FILE [--audit-key KEYFILE] (FILE: a backup beside its FILE.json manifest)');
  const key = auditKey(values['audit-key']);
  const now = Date.now();
  const request: RestoreRequest = {
    backup: path.resolve(backup),
    keyHex: key.hex,
    piiCutoffMs: now - config.piiRetentionDays * DAY_MS,
    record: (manifest, erased) => ({
      atMs: now,
      actor: `system:${userInfo().username}`,
      role: '',
      scope: '',
      action: 'restore',
      object: JSON.stringify({ backup: manifest.file, takenAt: manifest.takenAt, sha256: manifest.sha256, events: manifest.events, version: manifest.version, anchorsSetAside: existsSync(config.auditAnchorFile) }),
      result: `ok; ${erased} past the victims' retention passed over and erased`,
      address: hostname(),
    }),
  };
  const result = config.databaseUrl === undefined ? await restoreSqlite(request, config.dataDir) : await restorePostgres(request, config.databaseUrl);
  key.install();
  const setAside = setAnchorsAside(config.auditAnchorFile, now);
  const m = result.manifest;
  process.stdout.write(
    `restore: OK — ${result.database} from ${backup} (taken ${m.takenAt} by fraudwall ${m.version}: ${m.events} events, ${m.auditRecords} audit records); ` +
      `victims' data received over ${config.piiRetentionDays} days ago erased again (${result.erased} passed over)\n` +
      (setAside ? `restore: the anchors of the chain it replaced were moved to ${setAside}\n` : '') +
      'restore: start the server, then run npm run verify\n',
  );
} catch (error) {
  if (!(error instanceof BackupRefused)) throw error;
  process.stderr.write(`restore: ${error.message}\n`);
  process.exit(2);
}

/**
 * The key the backup's chain was written under: the configured one, or the one given — put in
 * place (mode 0600) once the restore succeeded, when there is none.
 */
function auditKey(given: string | undefined): { hex: string; install: () => void } {
  const configured = config.auditKeyFile;
  if (given === undefined) {
    if (!existsSync(configured)) throw new BackupRefused(`no audit key at ${configured}: give the one kept with the backups, --audit-key KEYFILE`);
    return { hex: readAuditKey(configured), install: () => {} };
  }
  const hex = readAuditKey(given);
  if (!existsSync(configured)) {
    return {
      hex,
      install: () => {
        mkdirSync(path.dirname(configured), { recursive: true });
        writeFileSync(configured, `${hex}\n`, { mode: 0o600, flag: 'wx' });
      },
    };
  }
  if (readAuditKey(configured) !== hex) throw new BackupRefused(`${configured} holds another audit key than ${given}: the server would refuse the restored chain; move one aside`);
  return { hex, install: () => {} };
}
