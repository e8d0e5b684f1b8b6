import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DemoClock } from '../../server/simulator/demo-clock';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-demo-clock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('the demo clock', () => {
  it('runs at its rate from real time on a first start', () => {
    let real = Date.parse('2026-12-02T10:00:00Z');
    const clock = new DemoClock(tempDir(), 10, () => real);
    real += 60_000;
    expect(clock.now()).toBe(Date.parse('2026-12-02T10:10:00Z'));
    expect(clock.rate).toBe(10);
  });

  it('carries on after a restart from where it stopped, never turned back behind what it stored', () => {
    const dir = tempDir();
    let real = Date.parse('2026-12-02T10:00:00Z');
    const first = new DemoClock(dir, 10, () => real);
    real += 3_600_000; // an hour of running: ten hours of demo
    first.stop();
    real += 60_000; // stopped for a minute
    const second = new DemoClock(dir, 10, () => real);
    expect(second.now()).toBe(Date.parse('2026-12-02T20:00:00Z'));
  });

  it('starts from real time once real time has caught up, or when the kept time is unreadable', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'demo-clock.json'), JSON.stringify({ demoTime: '2020-01-01T00:00:00Z' }));
    const real = Date.parse('2026-12-02T10:00:00Z');
    expect(new DemoClock(dir, 10, () => real).now()).toBe(real);
    writeFileSync(path.join(dir, 'demo-clock.json'), '{"demoTime": 12');
    expect(new DemoClock(dir, 10, () => real).now()).toBe(real);
  });

  it('never stops the server when the disk does not take its time', () => {
    const clock = new DemoClock(path.join(tempDir(), 'no-such-dir'), 10);
    clock.start();
    expect(() => clock.stop()).not.toThrow();
  });
});
