// The wall's panels draw at most once a second, whatever the rate of deltas; a snapshot at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PacedView } from '../../client/state/paced-view.svelte';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => vi.useRealTimers());

describe('paced view', () => {
  it('shows the first state at once, then the latest at most once a second', () => {
    const view = new PacedView<number>(1_000);
    view.offer(1);
    expect(view.value).toBe(1);
    for (let n = 2; n <= 4; n++) {
      vi.advanceTimersByTime(250);
      view.offer(n);
    }
    expect(view.value).toBe(1);
    vi.advanceTimersByTime(250);
    expect(view.value).toBe(4);
    view.offer(5);
    vi.advanceTimersByTime(999);
    expect(view.value).toBe(4);
    vi.advanceTimersByTime(1);
    expect(view.value).toBe(5);
    view.close();
  });

  it('shows a snapshot at once, and the pending one is not shown over it', () => {
    const view = new PacedView<string>(1_000);
    view.offer('a');
    view.offer('b');
    view.showNow('snapshot');
    expect(view.value).toBe('snapshot');
    vi.advanceTimersByTime(2_000);
    expect(view.value).toBe('snapshot');
  });
});
