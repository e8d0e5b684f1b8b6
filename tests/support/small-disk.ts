// A real, small file system (tmpfs) to fill up: what a full disk does to the store, without
// filling the machine's. Needs root (CI runs as root); elsewhere the tests using it skip loudly,
// and under CI=true they fail instead.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface SmallDisk {
  readonly dir: string;
  /** Fills the disk until `leaveBytes` are free. */
  fill(leaveBytes: number): void;
  /** Removes the filler. */
  free(): void;
  unmount(): void;
}

function tryMount(megabytes: number): SmallDisk | string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return error instanceof Error ? error.message.split('\n')[0]! : String(error);
  }
  const filler = path.join(dir, 'filler');
  return {
    dir,
    fill(leaveBytes) {
      const { bavail, bsize } = statfsSync(dir);
      writeFileSync(filler, Buffer.alloc(Math.max(0, bavail * bsize - leaveBytes)));
    },
    free() {
      rmSync(filler, { force: true });
    },
    unmount() {
      execFileSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const probe = tryMount(1);
export const SMALL_DISK_AVAILABLE = typeof probe !== 'string';
if (typeof probe === 'string') {
  if (process.env['CI'] === 'true') throw new Error(`cannot mount a tmpfs under CI=true: ${probe}`);
  console.warn(`\n!!! cannot mount a tmpfs (${probe}): FULL-DISK TESTS ARE SKIPPED. They need root.\n`);
} else {
  probe.unmount();
}

export function smallDisk(megabytes: number): SmallDisk {
  const disk = tryMount(megabytes);
  if (typeof disk === 'string') throw new Error(`cannot mount a tmpfs: ${disk}`);
  return disk;
}
