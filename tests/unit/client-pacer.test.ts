import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClientPacer } from '../../server/stream/client-pacer';
import { FLOOD_MESSAGES, FLOOD_WINDOW_MS, SNAPSHOT_INTERVAL_MS } from '../../server/stream/stream-limits';

afterEach(() => vi.useRealTimers());

describe('a wall socket’s pacer', () => {
  it('sends a snapshot at once, then at most one a second, answering every ask in between once', () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const pacer = new ClientPacer(() => Date.now(), () => sent.push(Date.now()));
    const start = Date.now();
    pacer.snapshot();
    for (let i = 0; i < 50; i++) pacer.snapshot();
    expect(sent).toEqual([start]);
    vi.advanceTimersByTime(SNAPSHOT_INTERVAL_MS);
    expect(sent).toEqual([start, start + SNAPSHOT_INTERVAL_MS]);
    vi.advanceTimersByTime(5 * SNAPSHOT_INTERVAL_MS);
    expect(sent).toHaveLength(2);
    pacer.snapshot();
    expect(sent).toHaveLength(3);
    pacer.snapshot();
    pacer.close();
    vi.advanceTimersByTime(SNAPSHOT_INTERVAL_MS);
    expect(sent).toHaveLength(3);
  });

  it('calls a socket flooding once it sends more than the limit within the window', () => {
    let now = 0;
    const pacer = new ClientPacer(() => now, () => {});
    for (let i = 0; i < FLOOD_MESSAGES; i++) expect(pacer.floods()).toBe(false);
    expect(pacer.floods()).toBe(true);
    now += FLOOD_WINDOW_MS;
    expect(pacer.floods()).toBe(false);
  });
});
