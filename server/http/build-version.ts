// The identity of the build the server serves (version.json, written by `npm run build`): its
// version goes in every snapshot, so a wall built for another one knows to reload; its release
// and commit name it in /metrics, in the start's audit record and in the release's file name.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const UNKNOWN_VERSION = 'unknown';

export interface BuildIdentity {
  /** This build's own id (release+commit.time): the walls compare it. */
  readonly version: string;
  /** package.json's version. */
  readonly release: string;
  /** The commit it was built from (short hash, "-dirty" for uncommitted changes). */
  readonly commit: string;
}

const field = (value: unknown): string => (typeof value === 'string' && value.length > 0 && value.length <= 100 ? value : UNKNOWN_VERSION);

export function readBuild(clientDir: string): BuildIdentity {
  try {
    const build = JSON.parse(readFileSync(path.join(clientDir, 'version.json'), 'utf8')) as Record<string, unknown>;
    return { version: field(build['version']), release: field(build['release']), commit: field(build['commit']) };
  } catch {
    return { version: UNKNOWN_VERSION, release: UNKNOWN_VERSION, commit: UNKNOWN_VERSION };
  }
}
