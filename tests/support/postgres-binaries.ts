// Where Debian's PostgreSQL binaries are, if installed: on PATH, else the newest version under
// /usr/lib/postgresql. No imports of our own, so vite.config.ts can ask it too.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';

const DEBIAN_VERSIONS = '/usr/lib/postgresql';

/** The directory holding initdb and pg_ctl, or undefined. */
export function postgresBinaries(): string | undefined {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  // Where a link on PATH leads: the version's own directory holds pg_dump and pg_restore too.
  const real = onPath ? path.dirname(realpathSync(onPath)) : undefined;
  if (real && existsSync(path.join(real, 'pg_ctl'))) return real;
  if (!existsSync(DEBIAN_VERSIONS)) return undefined;
  const versions = readdirSync(DEBIAN_VERSIONS)
    .filter((v) => existsSync(path.join(DEBIAN_VERSIONS, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(DEBIAN_VERSIONS, versions[0], 'bin');
}
