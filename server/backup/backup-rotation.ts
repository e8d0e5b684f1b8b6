// The daily backups a directory keeps (deploy/systemd/fraudwall-backup.timer): each named by the
// moment it was taken, so names sort by age; after a new one is complete, the oldest complete
// ones beyond `keep` go, with anything a crash left half-written.
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { manifestFileOf } from './manifest';

const DATED = /^fraudwall-\d{8}T\d{6}Z\.(sqlite|pgdump)$/;

/** fraudwall-20261206T223000Z.sqlite: a name that sorts by when it was taken. */
export function datedBackupFile(dir: string, nowMs: number, extension: 'sqlite' | 'pgdump'): string {
  const stamp = new Date(nowMs).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return path.join(dir, `fraudwall-${stamp}.${extension}`);
}

/** Removes all but the newest `keep` complete backups in `dir`, and the leftovers of cut-short ones; the names removed. */
export function keepNewest(dir: string, keep: number): string[] {
  const names = new Set(readdirSync(dir));
  const complete = [...names].filter((name) => DATED.test(name) && names.has(path.basename(manifestFileOf(name)))).sort();
  const kept = new Set(complete.slice(-keep));
  const removed = [...names].filter((name) => {
    const backup = name.replace(/\.json$/, '').replace(/\.partial$/, '').replace(/\.json$/, '');
    if (!DATED.test(backup)) return false;
    return name.endsWith('.partial') || !kept.has(backup);
  });
  for (const name of removed) rmSync(path.join(dir, name), { force: true });
  return removed.sort();
}
