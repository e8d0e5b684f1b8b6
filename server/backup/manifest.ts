// A backup's manifest, written beside it as FILE.json once the copy is proven whole: what a
// restore checks before it trusts the file. A copy cut short by a crash or a full disk has no
// manifest, or one whose size and SHA-256 it does not match — never both.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BackupRefused } from './backup-refused';

const manifestSchema = z.object({
  format: z.literal(1),
  /** sqlite: the database file itself; postgresql: a pg_dump archive (-Fc). */
  engine: z.enum(['sqlite', 'postgresql']).default('sqlite'),
  file: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  schemaVersion: z.number().int().positive(),
  events: z.number().int().nonnegative(),
  auditRecords: z.number().int().nonnegative(),
  takenAt: z.iso.datetime(),
  /** The fraudwall that took it. */
  version: z.string().default('unknown'),
});

export type BackupManifest = z.infer<typeof manifestSchema>;

export const manifestFileOf = (backup: string) => `${backup}.json`;

/** What a copy holds, as its engine counted it. */
export type CopyContents = Pick<BackupManifest, 'engine' | 'schemaVersion' | 'events' | 'auditRecords' | 'takenAt' | 'version'>;

/** Where a backup is written until it is proven whole. */
export const partialFileOf = (backup: string) => `${backup}.partial`;

/**
 * Gives a proven copy (`backup`.partial) its name, with its manifest beside it: the manifest is
 * written first under a temporary name (a full disk fails there, before anything took a final
 * name), then the copy and the manifest are renamed into place. Returns the manifest.
 */
export async function placeBackup(backup: string, contents: CopyContents): Promise<BackupManifest> {
  const partial = partialFileOf(backup);
  const manifest: BackupManifest = { format: 1, file: path.basename(backup), bytes: statSync(partial).size, sha256: await sha256Of(partial), ...contents };
  const file = manifestFileOf(backup);
  writeFileSync(`${file}.partial`, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(partial, backup);
  renameSync(`${file}.partial`, file);
  return manifest;
}

/** Removes what a failed backup left under temporary names. */
export function discardPartial(backup: string): void {
  rmSync(partialFileOf(backup), { force: true });
  rmSync(`${manifestFileOf(backup)}.partial`, { force: true });
}

/** The manifest beside `backup`, refused (naming the field) when it is missing or not one. */
export function readManifest(backup: string): BackupManifest {
  const file = manifestFileOf(backup);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new BackupRefused(`${file} is missing: a backup without its manifest may have been cut short, and is not restored`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BackupRefused(`${file} is not JSON: the manifest was cut short or is not one`);
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new BackupRefused(`${file}: ${issue.path.join('.') || 'manifest'}: ${issue.message}`);
  }
  return result.data;
}

/**
 * The manifest of a backup made for `engine`, once the file has the size it describes — a cheap
 * first refusal of a copy cut short; `provenWhole` then reads every byte, once, where it is used.
 */
export function describedBackup(backup: string, engine: BackupManifest['engine']): BackupManifest {
  if (!existsSync(backup)) throw new BackupRefused(`no backup at ${backup}`);
  const manifest = readManifest(backup);
  if (manifest.engine !== engine) throw new BackupRefused(`${backup} is a ${manifest.engine} backup: restore it where that engine is configured`);
  sizeAsDescribed(backup, manifest);
  return manifest;
}

/** Refuses `file` unless it is exactly the copy the manifest describes. */
export async function provenWhole(file: string, manifest: BackupManifest): Promise<void> {
  sizeAsDescribed(file, manifest);
  const sha256 = await sha256Of(file);
  if (sha256 !== manifest.sha256) throw new BackupRefused(`${file} does not match its manifest's SHA-256: the copy was damaged or changed`);
}

function sizeAsDescribed(file: string, manifest: BackupManifest): void {
  const size = statSync(file).size;
  if (size !== manifest.bytes) throw new BackupRefused(`${file} holds ${size} bytes where its manifest says ${manifest.bytes}: the copy was cut short or changed`);
}

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
