import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ERROR_RELOAD_DELAY_MS, ERROR_RELOAD_QUIET_MS, KioskReload, VERSION_RELOAD_SPREAD_MS } from '../../client/state/kiosk-reload';

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
}

describe('kiosk reload', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reloads once, at a random moment within 30 s, when the server runs another build', () => {
    const storage = memoryStorage();
    const reload = vi.fn();
    const kiosk = new KioskReload({ ownVersion: '0.1.0+a', storage, reload, random: () => 0.5 });
    kiosk.serverVersion('0.1.0+a');
    vi.advanceTimersByTime(VERSION_RELOAD_SPREAD_MS);
    expect(reload).not.toHaveBeenCalled();
    kiosk.serverVersion('0.1.0+b');
    vi.advanceTimersByTime(VERSION_RELOAD_SPREAD_MS / 2 - 1);
    expect(reload).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(reload).toHaveBeenCalledTimes(1);
    // The reloaded page still disagrees (a stale cache): it does not reload again for that build.
    const after = new KioskReload({ ownVersion: '0.1.0+a', storage, reload, random: () => 0 });
    after.serverVersion('0.1.0+b');
    vi.advanceTimersByTime(VERSION_RELOAD_SPREAD_MS);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('never reloads a dev page or for a server that does not know its build', () => {
    const reload = vi.fn();
    new KioskReload({ ownVersion: 'dev', storage: memoryStorage(), reload }).serverVersion('0.1.0+b');
    new KioskReload({ ownVersion: '0.1.0+a', storage: memoryStorage(), reload }).serverVersion('unknown');
    vi.advanceTimersByTime(VERSION_RELOAD_SPREAD_MS);
    expect(reload).not.toHaveBeenCalled();
  });

  it('reloads after an uncaught error, but not again for one soon after the reload', () => {
    const storage = memoryStorage();
    const reload = vi.fn();
    let now = 1_000_000;
    new KioskReload({ ownVersion: '0.1.0+a', storage, reload, now: () => now }).uncaughtError();
    vi.advanceTimersByTime(ERROR_RELOAD_DELAY_MS);
    expect(reload).toHaveBeenCalledTimes(1);
    now += 60_000;
    new KioskReload({ ownVersion: '0.1.0+a', storage, reload, now: () => now }).uncaughtError();
    vi.advanceTimersByTime(ERROR_RELOAD_DELAY_MS);
    expect(reload).toHaveBeenCalledTimes(1);
    now += ERROR_RELOAD_QUIET_MS;
    new KioskReload({ ownVersion: '0.1.0+a', storage, reload, now: () => now }).uncaughtError();
    vi.advanceTimersByTime(ERROR_RELOAD_DELAY_MS);
    expect(reload).toHaveBeenCalledTimes(2);
  });
});
