// The region's counties (and, for the wall, its map), fetched once from our own server — no
// tiles or CDNs: the wall runs on a closed network. Retries until the server answers.
import type { RegionPack } from '../../shared/region';

const RETRY_MS = 5_000;

/** Called with the region's GeoJSON once it has loaded (the wall registers it with ECharts). */
export type MapLoaded = (regionId: string, geoJson: unknown) => void;

export class RegionMap {
  region = $state.raw<RegionPack | undefined>(undefined);
  #retry: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(
    private readonly token: string | undefined,
    /** Without it only the counties are fetched (the console needs names, not shapes). */
    private readonly onMap?: MapLoaded,
  ) {
    void this.#load();
  }

  countyName(adcode: string): string {
    return this.region?.counties.find((c) => c.adcode === adcode)?.name ?? adcode;
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#retry);
  }

  async #load(): Promise<void> {
    try {
      const headers: HeadersInit = this.token ? { authorization: `Bearer ${this.token}` } : {};
      const [region, map] = await Promise.all([
        fetch('/api/v1/region', { headers }).then((r) => expectOk(r).json() as Promise<RegionPack>),
        this.onMap ? fetch('/api/v1/region/map', { headers }).then((r) => expectOk(r).json() as Promise<unknown>) : undefined,
      ]);
      if (this.#closed) return;
      if (this.onMap) this.onMap(region.id, map);
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
