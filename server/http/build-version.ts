// The identity of the client build the server serves (version.json, written by `npm run build`):
// every snapshot carries it, so a wall built for another one knows to reload.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const UNKNOWN_VERSION = 'unknown';

export function readBuildVersion(clientDir: string): string {
  try {
    const { version } = JSON.parse(readFileSync(path.join(clientDir, 'version.json'), 'utf8')) as { version?: unknown };
    return typeof version === 'string' && version.length > 0 && version.length <= 100 ? version : UNKNOWN_VERSION;
  } catch {
    return UNKNOWN_VERSION;
  }
}
