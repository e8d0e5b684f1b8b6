// The admin page's calls: accounts and devices inside the admin's scope, the walls' playlists,
// the alert targets, and the audit trail.
import { apiCall, type Answer } from '../account/api-call';
import type { AccountRole, AccountView } from '../../shared/protocol/account';
import type { AuditView } from '../../shared/protocol/audit';
import type { AlertTarget, AlertTargetView } from '../../shared/protocol/alert-target';
import type { ScopeView } from '../../shared/protocol/scope-view';
import type { Playlist, PlaylistEntry, WallControlView } from '../../shared/protocol/wall-scene';

export interface AccountChanged {
  readonly account: AccountView;
  /** A device's new token: shown once, never again. */
  readonly token?: string;
}

export interface AuditFilter {
  readonly actor?: string;
  readonly action?: string;
  /** ISO times with their offset. */
  readonly from?: string;
  readonly to?: string;
}

export class AdminApi {
  constructor(private readonly csrfToken: string) {}

  region(): Promise<Answer<ScopeView>> {
    return apiCall('/api/v1/region', this.csrfToken);
  }

  accounts(): Promise<Answer<AccountView[]>> {
    return apiCall('/api/v1/accounts', this.csrfToken);
  }

  add(account: { username: string; role: AccountRole; scope: string; password?: string; displayName?: string }): Promise<Answer<AccountChanged>> {
    return apiCall('/api/v1/accounts', this.csrfToken, { method: 'POST', body: JSON.stringify(account) });
  }

  change(username: string, change: { password: string } | { disabled: boolean } | { displayName: string | null }): Promise<Answer<AccountChanged>> {
    return apiCall(`/api/v1/accounts/${encodeURIComponent(username)}`, this.csrfToken, { method: 'PATCH', body: JSON.stringify(change) });
  }

  /** A scope's playlist (issue 25); no entries: none. */
  playlist(scope: string, entries: PlaylistEntry[]): Promise<Answer<Playlist | { scope: string; entries: [] }>> {
    return apiCall('/api/v1/walls/playlist', this.csrfToken, { method: 'PUT', body: JSON.stringify({ scope, entries }) });
  }

  control(): Promise<Answer<WallControlView>> {
    return apiCall('/api/v1/walls/control', this.csrfToken);
  }

  alertTargets(): Promise<Answer<AlertTargetView[]>> {
    return apiCall('/api/v1/alert-targets', this.csrfToken);
  }

  addAlertTarget(target: AlertTarget): Promise<Answer<AlertTargetView>> {
    return apiCall('/api/v1/alert-targets', this.csrfToken, { method: 'POST', body: JSON.stringify(target) });
  }

  /** Any of the fields; `secret: null` removes it, a left-out secret stays. */
  changeAlertTarget(name: string, change: Partial<Omit<AlertTarget, 'name' | 'secret'>> & { secret?: string | null }): Promise<Answer<AlertTargetView>> {
    return apiCall(`/api/v1/alert-targets/${encodeURIComponent(name)}`, this.csrfToken, { method: 'PATCH', body: JSON.stringify(change) });
  }

  removeAlertTarget(name: string): Promise<Answer<{ removed: string }>> {
    return apiCall(`/api/v1/alert-targets/${encodeURIComponent(name)}`, this.csrfToken, { method: 'DELETE' });
  }

  newToken(username: string): Promise<Answer<AccountChanged>> {
    return apiCall(`/api/v1/accounts/${encodeURIComponent(username)}/token`, this.csrfToken, { method: 'POST' });
  }

  audit(filter: AuditFilter, limit = 200): Promise<Answer<AuditView[]>> {
    const query = new URLSearchParams({ limit: String(limit) });
    for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value);
    return apiCall(`/api/v1/audit?${query.toString()}`, this.csrfToken);
  }
}
