// What a page was opened with (the kiosk URL): `?token=` for a wall without a keyboard, and
// `?scope=` for the city or county it shows. Every request and link of the page carries both.

export interface PageAccess {
  readonly token?: string;
  /** An adcode: the region itself, a city or a county; none means the token's own (or the region). */
  readonly scope?: string;
}

/** Where the tab keeps the kiosk's token once it is out of the address. */
const TOKEN_KEY = 'fraudwall.token';

/**
 * The page's access. A token in the address is moved into the tab's own storage and taken out
 * of the address at once (no history entry, nothing for a screenshot, a bookmark or a proxy's
 * log to keep); a reload of the same tab — a kiosk mending itself — finds it there.
 */
export function pageAccess(
  page: { readonly search: string; readonly href: string },
  storage: Pick<Storage, 'getItem' | 'setItem'>,
  history: Pick<History, 'replaceState'>,
): PageAccess {
  const params = new URLSearchParams(page.search);
  const fromAddress = params.get('token') || undefined;
  if (fromAddress) {
    storage.setItem(TOKEN_KEY, fromAddress);
    const url = new URL(page.href);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  const token = fromAddress ?? (storage.getItem(TOKEN_KEY) || undefined);
  const scope = params.get('scope') || undefined;
  return { ...(token ? { token } : {}), ...(scope ? { scope } : {}) };
}

/** An API path with the page's scope added to its query. */
export function scopedPath(path: string, { scope }: PageAccess): string {
  if (!scope) return path;
  return `${path}${path.includes('?') ? '&' : '?'}scope=${encodeURIComponent(scope)}`;
}

export function authHeaders({ token }: PageAccess): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** A page's link for the same viewer and scope (the report from the briefing, a city from the province). */
export function pageHref(page: string, access: PageAccess, query: Record<string, string> = {}): string {
  const params = new URLSearchParams({ ...query, ...(access.scope ? { scope: access.scope } : {}), ...(access.token ? { token: access.token } : {}) });
  const text = params.toString();
  return text ? `${page}?${text}` : page;
}
