// `npm run verify` against a test server's database (either engine), as an operator runs it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { StoredIn } from './stored';

const run = promisify(execFile);

export function runVerify({ dataDir, databaseUrl }: StoredIn): Promise<{ code: number; stdout: string }> {
  return run(process.execPath, ['--import', 'tsx', 'server/cli/verify.ts'], {
    env: { ...process.env, FRAUDWALL_DATA_DIR: dataDir, ...(databaseUrl === undefined ? {} : { FRAUDWALL_DATABASE_URL: databaseUrl }) },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );
}
