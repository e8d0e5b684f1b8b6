// What a page was opened with (the kiosk URL): `?token=` for a wall without a keyboard, and
// `?scope=` for the city or county it shows. Every request and link of the page carries both.

export interface PageAccess {
  readonly token?: string;
  /** An adcode: the region itself, a city or a county; none means the token's own (or the region). */
  readonly scope?: string;
}

export function pageAccess(search: string): PageAccess {
  const params = new URLSearchParams(search);
  const token = params.get('token') || undefined;
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
