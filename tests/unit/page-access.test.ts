// A kiosk's token leaves the address as soon as the page has read it, and the tab keeps it for
// its own reloads: no bookmark, screenshot, history entry or proxy log carries it on.
import { describe, expect, it } from 'vitest';
import { pageAccess } from '../../client/stream/page-access';

function tab() {
  const stored = new Map<string, string>();
  const replaced: string[] = [];
  return {
    storage: { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => void stored.set(key, value) },
    history: { replaceState: (_data: unknown, _unused: string, url?: string | URL | null) => void replaced.push(String(url)) },
    replaced,
  };
}
const at = (url: string) => ({ href: url, search: new URL(url).search });

describe('pageAccess', () => {
  it('takes the token out of the address, keeping the scope and the rest', () => {
    const { storage, history, replaced } = tab();
    expect(pageAccess(at('http://wall:8080/?token=fwd_secret&scope=330603#board'), storage, history)).toEqual({ token: 'fwd_secret', scope: '330603' });
    expect(replaced).toEqual(['/?scope=330603#board']);
  });

  it('finds the token again after the tab reloads without it in the address', () => {
    const { storage, history, replaced } = tab();
    pageAccess(at('http://wall:8080/?token=fwd_secret'), storage, history);
    expect(pageAccess(at('http://wall:8080/'), storage, history)).toEqual({ token: 'fwd_secret' });
    expect(replaced).toEqual(['/']);
  });

  it('leaves an address without a token as it is', () => {
    const { storage, history, replaced } = tab();
    expect(pageAccess(at('http://wall:8080/briefing?scope=330600'), storage, history)).toEqual({ scope: '330600' });
    expect(replaced).toEqual([]);
  });
});
