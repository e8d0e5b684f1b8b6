// The scope's places (and, for the wall, the map it is drawn on), fetched once from our own
// server — no tiles or CDNs: the wall runs on a closed network. Retries until the server answers.
import type { ScopeView } from '../../shared/protocol/scope-view';
import { cityAdcodeOf } from '../../shared/region';
import { authHeaders, scopedPath, type PageAccess } from '../stream/page-access';

const RETRY_MS = 5_000;

/** Called with the scope's map once it has loaded (the wall registers it with ECharts under `mapId`). */
export type MapLoaded = (mapId: string, geoJson: unknown) => void;

export class RegionMap {
  region = $state.raw<ScopeView | undefined>(undefined);
  #retry: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(
    private readonly access: PageAccess,
    /** Without it only the counties are fetched (the console needs names, not shapes). */
    private readonly onMap?: MapLoaded,
  ) {
    void this.#load();
  }

  /**
   * A county's name, its adcode until the places have loaded; at the province with its city
   * (杭州·上城区), since the room must know which city to call.
   */
  countyName(adcode: string): string {
    const region = this.region;
    const county = region?.counties.find((c) => c.adcode === adcode);
    if (!county) return region?.cities?.find((c) => c.adcode === adcode)?.name ?? adcode;
    const city = region?.cities?.find((c) => c.adcode === cityAdcodeOf(adcode));
    return city ? `${city.name.replace(/市$/, '')}·${county.name}` : county.name;
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#retry);
  }

  async #load(): Promise<void> {
    try {
      const headers = authHeaders(this.access);
      const [region, map] = await Promise.all([
        fetch(scopedPath('/api/v1/region', this.access), { headers }).then((r) => expectOk(r).json() as Promise<ScopeView>),
        this.onMap ? fetch(scopedPath('/api/v1/region/map', this.access), { headers }).then((r) => expectOk(r).json() as Promise<unknown>) : undefined,
      ]);
      if (this.#closed) return;
      if (this.onMap) this.onMap(region.mapId, map);
      this.region = region;
    } catch {
      if (!this.#closed) this.#retry = setTimeout(() => void this.#load(), RETRY_MS);
    }
  }
}

function expectOk(response: Response): Response {
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}`);
  return response;
}
