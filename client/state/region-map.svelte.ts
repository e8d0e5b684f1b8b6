// The region's counties and map, fetched once from our own server (no tiles or CDNs: the wall
// runs on a closed network) and registered with ECharts. Retries until the server answers.
import type { RegionPack } from '../../shared/region';
import { registerMap, type GeoJsonMap } from '../charts/echarts';
import { labelPoints } from '../charts/label-points';

const RETRY_MS = 5_000;

export class RegionMap {
  region = $state.raw<RegionPack | undefined>(undefined);
  /** Label position of each county (by adcode), computed once from the map. */
  labelPoints = $state.raw<ReadonlyMap<string, [number, number]>>(new Map());
  #retry: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(private readonly token: string | undefined) {
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
        fetch('/api/v1/region/map', { headers }).then((r) => expectOk(r).json() as Promise<GeoJsonMap>),
      ]);
      if (this.#closed) return;
      registerMap(region.id, map);
      this.labelPoints = labelPoints(map as Parameters<typeof labelPoints>[0]);
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
