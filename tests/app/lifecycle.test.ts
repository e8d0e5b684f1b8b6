// The server's parts start in order and stop in the reverse order, whatever fails on the way.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Lifecycle, type Part } from '../../server/app/lifecycle';

const logger = pino({ level: 'silent' });

function parts(log: string[], names: string[], failing: { start?: string; stop?: string } = {}): Part[] {
  return names.map((name) => ({
    name,
    start: async () => {
      if (failing.start === name) throw new Error(`${name} would not start`);
      log.push(`start ${name}`);
    },
    stop: () => {
      if (failing.stop === name) throw new Error(`${name} would not stop`);
      log.push(`stop ${name}`);
    },
  }));
}

describe('Lifecycle', () => {
  it('starts each part in order and stops them last first, once', async () => {
    const log: string[] = [];
    const lifecycle = new Lifecycle(parts(log, ['store', 'jobs', 'http']), logger);
    await lifecycle.start();
    await lifecycle.stop();
    await lifecycle.stop();
    expect(log).toEqual(['start store', 'start jobs', 'start http', 'stop http', 'stop jobs', 'stop store']);
  });

  it('stops what had started when a part fails to start, and says why', async () => {
    const log: string[] = [];
    const lifecycle = new Lifecycle(parts(log, ['store', 'jobs', 'http'], { start: 'http' }), logger);
    await expect(lifecycle.start()).rejects.toThrow('http would not start');
    expect(log).toEqual(['start store', 'start jobs', 'stop jobs', 'stop store']);
  });

  it('still stops the rest when one part fails to stop', async () => {
    const log: string[] = [];
    const lifecycle = new Lifecycle(parts(log, ['store', 'jobs', 'http'], { stop: 'jobs' }), logger);
    await lifecycle.start();
    await lifecycle.stop();
    expect(log.filter((line) => line.startsWith('stop'))).toEqual(['stop http', 'stop store']);
  });
});
