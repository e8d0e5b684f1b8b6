// npm run backup -- --out FILE: a consistent copy of the embedded database, taken while the
// server runs and takes ingest. SQLite's online backup API copies it from one read snapshot
// (WAL: the server's writes go on meanwhile; the copy holds every event acknowledged before it
// began). It is written under a temporary name, checked — opened, integrity-checked, its audit
// chain walked under the key — and only then renamed into place beside a manifest (size,
// SHA-256, schema version, events and audit records): a backup cut short by a crash or a full
// disk is never mistaken for a complete one. PostgreSQL is backed up with pg_dump (README).
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { verifyChain } from '../audit/audit-chain';
import { readAuditKey } from '../audit/audit-key';
import { readConfig } from '../config';
import { SqliteAudit } from '../store/sqlite/audit';
import { DATABASE_FILE } from '../store/sqlite/open-database';

export interface BackupManifest {
  readonly format: 1;
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly schemaVersion: number;
  readonly events: number;
  readonly auditRecords: number;
  readonly takenAt: string;
}

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const config = readConfig(process.env);
if (!values.out) fail('backup: --out FILE is required (where the copy goes; its manifest is FILE.json)');
if (config.databaseUrl !== undefined) fail('backup: this node uses PostgreSQL: back it up with pg_dump -Fc (README, Deploying)');
const source = path.join(config.dataDir, DATABASE_FILE);
if (!existsSync(source)) fail(`backup: no database at ${source}`);

const out = path.resolve(values.out);
const partial = `${out}.partial`;
rmSync(partial, { force: true });
const started = Date.now();
const db = new Database(source, { readonly: true, fileMustExist: true });
try {
  // After the first step, everything that is left in one: a step-by-step copy restarts whenever
  // the server writes in between, which under steady ingest would never end.
  await db.backup(partial, { progress: ({ remainingPages }) => Math.max(remainingPages, 100) });
} catch (error) {
  rmSync(partial, { force: true });
  fail(`backup: the copy failed, nothing was kept: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  db.close();
}

const manifest = await check(partial);
renameSync(partial, out);
writeFileSync(`${out}.json.partial`, `${JSON.stringify(manifest, null, 2)}\n`);
renameSync(`${out}.json.partial`, `${out}.json`);
process.stdout.write(
  `backup: OK — ${out} (${(manifest.bytes / 1_048_576).toFixed(1)} MB, ${manifest.events} events, ${manifest.auditRecords} audit records, ` +
    `schema ${manifest.schemaVersion}, sha256 ${manifest.sha256.slice(0, 12)}…) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
);

/** Opens the copy and proves it whole before it may take the backup's name. */
async function check(file: string): Promise<BackupManifest> {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') fail(`backup: the copy is damaged (${String(integrity)}); nothing was kept`, file);
    const key = readAuditKey(config.auditKeyFile);
    // The chain within the copy; the anchor file may already hold later records than the copy.
    const chain = await verifyChain(new SqliteAudit(copy, key).records(), key, []);
    if (chain.broken) fail(`backup: the copy's audit chain is broken at record ${chain.broken.seq}: ${chain.broken.reason}; nothing was kept`, file);
    const events = (copy.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    return {
      format: 1,
      file: path.basename(out),
      bytes: statSync(file).size,
      sha256: await sha256Of(file),
      schemaVersion: copy.pragma('user_version', { simple: true }) as number,
      events,
      auditRecords: chain.records,
      takenAt: new Date(started).toISOString(),
    };
  } finally {
    copy.close();
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function fail(message: string, remove?: string): never {
  if (remove) rmSync(remove, { force: true });
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
