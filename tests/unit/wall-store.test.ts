// The wall's state: snapshot, then deltas strictly in sequence; anything else asks for a resync.
import { describe, expect, it } from 'vitest';
import { WallStore } from '../../client/state/wall.svelte';
import type { Delta, Snapshot } from '../../shared/protocol/wall-state';

const snapshot = {
  bootId: 'boot-a',
  seq: 7,
  asOf: '2026-11-27T09:30:00.000+08:00',
  day: '2026-11-27',
  today: { warnings: { total: 3 } },
  volume: { today: { '54': { high: 1, medium: 1, low: 1 } }, yesterday: {} },
  recent: [{ id: 'w-1' }],
} as unknown as Snapshot;

const delta = (seq: number, patch: Delta['patch'], bootId = 'boot-a', recent?: { id: string }[]): Delta =>
  ({ bootId, seq, asOf: '2026-11-27T09:30:01.000+08:00', patch, ...(recent ? { recent } : {}) }) as Delta;

describe('WallStore', () => {
  it('applies the next delta as a merge patch and prepends its new events', () => {
    const wall = new WallStore();
    wall.reset(snapshot);
    expect(wall.accept(delta(8, { today: { warnings: { total: 4 } }, volume: { today: { '54': null, '55': { high: 1, medium: 0, low: 0 } } } } as never, 'boot-a', [{ id: 'w-2' }, { id: 'w-1' }]))).toBe(true);
    expect(wall.state).toMatchObject({ today: { warnings: { total: 4 } }, volume: { today: { '55': { high: 1 } } } });
    expect(wall.state?.volume.today).not.toHaveProperty('54');
    expect(wall.recent.map((e) => e.id)).toEqual(['w-2', 'w-1']);
    expect(wall.seq).toBe(8);
  });

  it('refuses a delta after a gap, a repeated one, or one from a restarted server', () => {
    const wall = new WallStore();
    wall.reset(snapshot);
    expect(wall.accept(delta(9, {}))).toBe(false);
    expect(wall.accept(delta(7, {}))).toBe(false);
    expect(wall.accept(delta(8, {}, 'boot-b'))).toBe(false);
    expect(wall.state).toMatchObject({ today: { warnings: { total: 3 } } });
  });

  it('refuses a patch that cannot be applied, and neither its seq nor its time moves', () => {
    const wall = new WallStore();
    wall.reset(snapshot);
    expect(wall.accept(delta(8, 42 as never))).toBe(false);
    expect(wall.accept(delta(8, { today: { get warnings(): never { throw new Error('cannot copy') } } } as never))).toBe(false);
    expect(wall.seq).toBe(7);
    expect(wall.asOf).toBe(snapshot.asOf);
    expect(wall.state).toMatchObject({ today: { warnings: { total: 3 } } });
  });

  it('refuses deltas before it has a snapshot', () => {
    expect(new WallStore().accept(delta(1, {}))).toBe(false);
  });
});
