// The deploy kit's systemd units as systemd itself reads them (systemd-analyze verify): the
// server, the daily backup and its timer load with no unknown key, no bad value and a timer that
// names when it runs. /usr/bin/node is pointed at this machine's node, which is what verify
// looks for. Skips loudly without systemd-analyze; fails under CI=true (.ci/run installs it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ANALYZE = '/usr/bin/systemd-analyze';
const HAS_ANALYZE = existsSync(ANALYZE);
if (!HAS_ANALYZE) {
  if (process.env['CI'] === 'true') throw new Error(`${ANALYZE} is missing under CI=true: the systemd units cannot be checked`);
  console.warn(`\n!!! ${ANALYZE} is missing: THE SYSTEMD UNITS ARE NOT CHECKED. Install it: apt-get install -y systemd\n`);
}

const KIT = 'deploy/systemd';
const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!HAS_ANALYZE)('the systemd units', () => {
  it('load cleanly: no unknown key, no value systemd ignores', () => {
    const units = readdirSync(KIT);
    expect(units.sort()).toEqual(['fraudwall-backup.service', 'fraudwall-backup.timer', 'fraudwall.service']);
    for (const unit of units) writeFileSync(path.join(dir, unit), readFileSync(path.join(KIT, unit), 'utf8').replaceAll('/usr/bin/node', process.execPath));
    const result = spawnSync(ANALYZE, ['verify', ...units.map((unit) => path.join(dir, unit))], { encoding: 'utf8' });
    expect(result.stderr.trim()).toBe('');
    expect(result.status).toBe(0);
  });

  it('back up daily, keeping a number of copies', () => {
    const service = readFileSync(path.join(KIT, 'fraudwall-backup.service'), 'utf8');
    expect(service).toMatch(/^ExecStart=\/usr\/bin\/node \/opt\/fraudwall\/dist\/server\/backup\.js --dir \S+ --keep \$\{FRAUDWALL_BACKUP_KEEP\}$/m);
    expect(service).toMatch(/^Environment=FRAUDWALL_BACKUP_KEEP=\d+$/m);
    const timer = readFileSync(path.join(KIT, 'fraudwall-backup.timer'), 'utf8');
    const next = spawnSync(ANALYZE, ['calendar', timer.match(/^OnCalendar=(.+)$/m)![1]!], { encoding: 'utf8' });
    expect(next.status, next.stderr).toBe(0);
    expect(next.stdout).toMatch(/Normalized form: \*-\*-\* 03:30:00/);
  });
});
