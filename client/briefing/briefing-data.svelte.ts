// What the briefing shows: the chosen period against last year, this year's months against
// last year's, and the server's day and history progress (GET /api/v1/status, not the whole
// snapshot) — refreshed every half minute unless the presenter has frozen it.
import type { Stats, StationsAnswer } from '../../shared/protocol/stats';
import type { WallStatus } from '../../shared/protocol/wall-state';
import { authHeaders, pageHref, scopedPath, type PageAccess } from '../stream/page-access';
import { periodOf, type Period } from './period';

export const REFRESH_MS = 30_000;

export class BriefingData {
  period = $state.raw<Period | undefined>(undefined);
  stats = $state.raw<Stats | undefined>(undefined);
  /** This year by month against last year: the trend chart. */
  year = $state.raw<Stats | undefined>(undefined);
  status = $state.raw<WallStatus | undefined>(undefined);
  /** The period's police stations (shown at city and county scopes). */
  stations = $state.raw<StationsAnswer | undefined>(undefined);
  /** Server time of the data on screen. */
  asOf = $state('');
  /** Set while frozen: the moment the numbers were held. */
  frozenAt = $state<string | undefined>(undefined);
  error = $state('');
  /** The server wants a viewer and the page has no token: a person signs in (leader, admin, operator). */
  signInNeeded = $state(false);
  readonly #timer: ReturnType<typeof setInterval>;

  constructor(
    /** The kiosk's viewer token and scope, if it has them: every request and link carries them. */
    readonly access: PageAccess,
    /** Without one, the briefing opens on this year. */
    initial?: Period,
  ) {
    this.period = initial;
    this.#timer = setInterval(() => {
      if (!this.frozenAt && !this.signInNeeded) void this.load();
    }, REFRESH_MS);
    void this.load();
  }

  choose(period: Period): void {
    this.period = period;
    void this.load();
  }

  freeze(): void {
    this.frozenAt = this.asOf;
  }

  unfreeze(): void {
    this.frozenAt = undefined;
    void this.load();
  }

  /** Signed in: the session cookie now goes with every request. */
  signedIn(): void {
    this.signInNeeded = false;
    void this.load();
  }

  /** The printable report of the period on screen, for the same viewer. */
  reportHref(period: Period): string {
    return pageHref('/report', this.access, { from: period.from, to: period.to });
  }

  close(): void {
    clearInterval(this.#timer);
  }

  async load(): Promise<void> {
    try {
      const status = await this.#get<WallStatus>('/api/v1/status');
      const period = this.period ?? periodOf('year', status.day);
      const yearPeriod = periodOf('year', status.day);
      const query = (p: Period) => `/api/v1/stats?from=${p.from}&to=${p.to}&groupBy=${p.groupBy}&compare=previous_year`;
      const [stats, year, stations] = await Promise.all([
        this.#get<Stats>(query(period)),
        this.#get<Stats>(`/api/v1/stats?from=${yearPeriod.from}&to=${yearPeriod.from.slice(0, 4)}-12-31&groupBy=month&compare=previous_year`),
        this.#get<StationsAnswer>(`/api/v1/stats/stations?from=${period.from}&to=${period.to}`),
      ]);
      // A freeze that came while this was loading wins: nothing moves once frozen.
      if (this.frozenAt) return;
      this.status = status;
      this.period = period;
      this.stats = stats;
      this.year = year;
      this.stations = stations;
      this.asOf = status.asOf;
      this.error = '';
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  async #get<T>(path: string): Promise<T> {
    const response = await fetch(scopedPath(path, this.access), { headers: authHeaders(this.access) });
    if (response.status === 401 && !this.access.token) this.signInNeeded = true;
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    return (await response.json()) as T;
  }
}
