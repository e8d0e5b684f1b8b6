// The console reads its open list (unmasked, audited) only when the open escalations change —
// not on every delta that touches something else on the wall.
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { watchOpenEscalations } from '../../client/console/open-escalations-watch.svelte';
import { WallStore } from '../../client/state/wall.svelte';
import type { Delta, Snapshot } from '../../shared/protocol/wall-state';

const open = [{ warningId: 'w-1', county: '330602', openedAt: '2026-11-27T09:00:00+08:00', step: 'opened', stepAt: '2026-11-27T09:00:00+08:00', phone: '138****1234' }];

const snapshot = {
  bootId: 'boot-a',
  seq: 1,
  asOf: '2026-11-27T09:30:00.000+08:00',
  day: '2026-11-27',
  today: { warnings: { total: 3 } },
  activeEscalations: open,
  activeEscalationsUnlisted: 0,
  unclaimed: { count: 0, newest: [] },
  recent: [],
} as unknown as Snapshot;

function watched(): { wall: WallStore; reloads: () => number; stop: () => void } {
  const wall = new WallStore();
  wall.reset(snapshot);
  let reloads = 0;
  const stop = $effect.root(() => watchOpenEscalations(() => wall.state, () => reloads++));
  flushSync();
  return { wall, reloads: () => reloads, stop };
}

const delta = (wall: WallStore, patch: object): void => {
  const accepted = wall.accept({ bootId: 'boot-a', seq: wall.seq + 1, asOf: '2026-11-27T09:30:01.000+08:00', patch } as Delta);
  expect(accepted).toBe(true);
  flushSync();
};

describe('watchOpenEscalations', () => {
  it('reads once at the start, then not at all for 10 deltas that leave the open escalations alone', () => {
    const { wall, reloads, stop } = watched();
    expect(reloads()).toBe(1);
    for (let total = 4; total < 14; total++) delta(wall, { today: { warnings: { total } } });
    expect(wall.state?.today.warnings.total).toBe(13);
    expect(reloads()).toBe(1);
    stop();
  });

  it('reads again when an escalation moves, when one opens beyond the listed ones, when one beyond them is claimed, and after a resync', () => {
    const { wall, reloads, stop } = watched();
    delta(wall, { activeEscalations: [{ ...open[0], step: 'comms' }] });
    expect(reloads()).toBe(2);
    delta(wall, { activeEscalationsUnlisted: 1 });
    expect(reloads()).toBe(3);
    delta(wall, { unclaimed: { count: 1, newest: [] } });
    expect(reloads()).toBe(4);
    wall.reset({ ...snapshot, seq: 9 });
    flushSync();
    expect(reloads()).toBe(5);
    stop();
  });

  it('stops reading once its scope is gone', () => {
    const { wall, reloads, stop } = watched();
    stop();
    delta(wall, { activeEscalationsUnlisted: 5 });
    expect(reloads()).toBe(1);
  });
});
