// The wall's small live helpers: the board's arrivals and farewells, the ticker's steady pace,
// the map's ripples — all bounded, all expiring.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EscalationBoard, FRESH_MS, LEAVING_MS } from '../../client/state/escalation-board.svelte';
import { MapPulses } from '../../client/state/map-pulses.svelte';
import { TICKER_STEP_MS, TICKER_VISIBLE, TickerQueue } from '../../client/state/ticker-queue.svelte';
import type { MaskedEvent } from '../../shared/format/mask-event';
import type { ActiveEscalation } from '../../shared/protocol/wall-state';

const card = (warningId: string): ActiveEscalation => ({
  warningId,
  county: '330603',
  openedAt: '2026-11-27T09:00:00.000+08:00',
  step: 'opened',
  stepAt: '2026-11-27T09:00:00.000+08:00',
  phone: '138****1234',
});
/** The server's time a minute after the cards and events above. */
const T = Date.parse('2026-11-27T09:01:00+08:00');
/** The screen's own clock, which banners and flashes are measured in (a demo's server clock runs faster). */
const REAL = 5_000_000;
const event = (id: string, fields: Record<string, unknown> = {}) =>
  ({ id, type: 'warning', at: '2026-11-27T09:00:00+08:00', county: '330603', level: 'low', ...fields }) as unknown as MaskedEvent;

describe('escalation board', () => {
  it('flashes cards that arrive while watching, not those of the snapshot, and stops flashing', () => {
    const board = new EscalationBoard();
    board.reset([card('a')]);
    // The server's demo clock runs on ten times faster: the flash lasts real seconds all the same.
    board.follow([card('a'), card('b')], T, REAL);
    expect([...board.fresh]).toEqual(['b']);
    board.expire(REAL + FRESH_MS - 1);
    expect([...board.fresh]).toEqual(['b']);
    board.expire(REAL + FRESH_MS);
    expect(board.fresh.size).toBe(0);
  });

  it('neither flashes nor announces an escalation opened in the past (history caught up on)', () => {
    const board = new EscalationBoard();
    board.reset([]);
    const old = { ...card('old'), openedAt: '2024-03-01T09:00:00.000+08:00' };
    const arrivals = board.follow([old, card('new')], T, REAL);
    expect(arrivals.map((e) => e.warningId)).toEqual(['new']);
    expect([...board.fresh]).toEqual(['new']);
    // Opened 11 minutes before the server's now: caught up on, not news.
    expect(board.follow([old, card('new'), card('late')], T + 10 * 60_000 + 1, REAL + 60_000)).toEqual([]);
  });

  it('keeps a closed card for a few seconds with its outcome', () => {
    const board = new EscalationBoard();
    board.reset([card('a'), card('b')]);
    board.noteEvents([event('e', { type: 'escalation', warningId: 'a', step: 'resolved', outcome: 'false_alarm' })]);
    board.follow([card('b')], T, REAL);
    expect(board.leaving).toEqual([{ card: card('a'), outcome: 'false_alarm', until: REAL + LEAVING_MS }]);
    board.expire(REAL + LEAVING_MS);
    expect(board.leaving).toEqual([]);
  });
});

describe('ticker queue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows a burst one event per step, oldest first, never more than fit, dropping the stalest backlog', () => {
    const ticker = new TickerQueue();
    ticker.reset([event('old')]);
    const burst = Array.from({ length: 50 }, (_, i) => event(`n${49 - i}`)); // newest first, as deltas carry them
    ticker.enqueue(burst);
    vi.advanceTimersByTime(TICKER_STEP_MS);
    // The 20 oldest of the 50 were dropped: the first shown is n20.
    expect(ticker.shown.map((e) => e.id)).toEqual(['n20', 'old']);
    vi.advanceTimersByTime(TICKER_STEP_MS * 10);
    expect(ticker.shown).toHaveLength(TICKER_VISIBLE);
    expect(ticker.shown[0]?.id).toBe('n30');
    ticker.close();
  });
});

describe('map pulses', () => {
  it('ripple for high-risk warnings and unreachable calls only, and fade', () => {
    const pulses = new MapPulses();
    pulses.add([event('w1', { level: 'high', county: '330602' }), event('w2', { level: 'low', county: '330604' }), event('c', { type: 'contact', result: 'unreachable', county: '330681' })], T);
    expect(pulses.counties.sort()).toEqual(['330602', '330681']);
    pulses.expire(T + 60_000);
    expect(pulses.counties).toEqual([]);
  });

  it('keep at most twelve places rippling, the newest first, whatever the rate of alarms', () => {
    const pulses = new MapPulses();
    for (let i = 0; i < 40; i++) pulses.add([event(`w${i}`, { level: 'high', county: String(330000 + i) })], T + i * 100);
    expect(pulses.counties).toHaveLength(12);
    expect(pulses.counties[0]).toBe('330039');
  });

  it('no ripple for the past, even when it arrives now', () => {
    const pulses = new MapPulses();
    pulses.add([event('w1', { level: 'high', county: '330602', at: '2025-11-27T09:00:00+08:00' })], T);
    expect(pulses.counties).toEqual([]);
  });
});

describe('escalation alerts', () => {
  it('alert at once, gather a burst into the next alert instead of strobing, and chime per alert', async () => {
    const { EscalationAlerts, ALERT_COOLDOWN_MS, ALERT_SHOW_MS } = await import('../../client/state/escalation-alerts.svelte');
    let chimes = 0;
    const alerts = new EscalationAlerts(() => chimes++);
    alerts.raise([card('a')], 0);
    expect(alerts.current).toEqual({ counties: ['330603'], count: 1, until: ALERT_SHOW_MS });
    alerts.raise([card('b'), { ...card('c'), county: '330681' }], 1_000);
    alerts.raise([card('d')], 2_000);
    expect(alerts.current?.count).toBe(1);
    alerts.tick(ALERT_SHOW_MS);
    expect(alerts.current).toBeUndefined();
    alerts.tick(ALERT_COOLDOWN_MS);
    expect(alerts.current).toMatchObject({ counties: ['330603', '330681'], count: 3 });
    expect(chimes).toBe(2);
  });
});
