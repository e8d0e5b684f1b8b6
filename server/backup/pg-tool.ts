// pg_dump and pg_restore, found on PATH (Debian's postgresql-client; a server's bin directory
// put first on PATH picks a matching major version). Run as child processes, so a dump of years
// never holds this process's thread; their own words are kept for the refusal.
import { execFile } from 'node:child_process';
import { BackupRefused } from './backup-refused';

export function runPgTool(tool: 'pg_dump' | 'pg_restore', args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { maxBuffer: 64 * 1_048_576 }, (error, stdout, stderr) => {
      if (error === null) return resolve(stdout);
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      reject(new BackupRefused(missing ? `${tool} is not on PATH: install postgresql-client (its major version at least the server's)` : `${tool} failed: ${stderr.trim() || error.message}`));
    });
  });
}
