// A scope (contract: *Regions and scopes*) is the adcode of the region or of a unit inside it —
// a city of the province, or a county. Every viewer-facing read counts only the counties inside
// its scope. A region has at most 1 + 11 + 90 scopes, built once.
import type { CityInfo, CountyInfo, RegionPack, ScopeLevel } from './region-pack';

export interface Scope {
  readonly adcode: string;
  readonly name: string;
  readonly level: ScopeLevel;
  /** The counties inside, in adcode order. */
  readonly counties: readonly CountyInfo[];
  /** The province's cities; only the province scope has them. */
  readonly cities?: readonly CityInfo[];
  /** The bundled map it is drawn on: the province by city, or a city by county (a county on its city's). */
  readonly mapId: string;
  /** A county's city (the region itself, for a city region): the counties it is ranked among. */
  readonly city?: { readonly name: string; readonly counties: readonly CountyInfo[] };
}

/** What a snapshot says of its scope. */
export type ScopeInfo = Pick<Scope, 'adcode' | 'name' | 'level'>;

export class RegionScopes {
  readonly region: Scope;
  readonly #byAdcode = new Map<string, Scope>();

  constructor(readonly pack: RegionPack) {
    this.region = this.#add({ adcode: pack.adcode, name: pack.name, level: pack.level, counties: pack.counties, mapId: pack.id, ...(pack.cities ? { cities: pack.cities } : {}) });
    for (const city of pack.cities ?? []) {
      this.#add({ adcode: city.adcode, name: city.name, level: 'city', counties: city.counties, mapId: city.id });
      for (const county of city.counties) this.#addCounty(county, city.id, city);
    }
    if (!pack.cities) for (const county of pack.counties) this.#addCounty(county, pack.id, pack);
  }

  /** The scope of an adcode inside the region, if it is one. */
  get(adcode: string): Scope | undefined {
    return this.#byAdcode.get(adcode);
  }

  /**
   * The counties a read of `scope` is limited to, or null for the region itself: the region's
   * reads also show what lies outside every county (a rejected event's unknown code).
   */
  within(scope: Scope): readonly string[] | null {
    return scope === this.region ? null : scope.counties.map((c) => c.adcode);
  }

  /** Whether every county of `inner` lies inside `outer`. */
  contains(outer: Scope, inner: Scope): boolean {
    if (outer === inner || outer === this.region) return true;
    const counties = new Set(outer.counties.map((c) => c.adcode));
    return inner.counties.every((c) => counties.has(c.adcode));
  }

  /** The adcodes of `scope` and of every city and county inside it. */
  inside(scope: Scope): string[] {
    return [...this.#byAdcode.values()].filter((other) => this.contains(scope, other)).map((other) => other.adcode);
  }

  #addCounty(county: CountyInfo, mapId: string, city: { readonly name: string; readonly counties: readonly CountyInfo[] }): void {
    this.#add({ adcode: county.adcode, name: county.name, level: 'county', counties: [county], mapId, city: { name: city.name, counties: city.counties } });
  }

  #add(scope: Scope): Scope {
    this.#byAdcode.set(scope.adcode, scope);
    return scope;
  }
}

export function scopeInfo({ adcode, name, level }: Scope): ScopeInfo {
  return { adcode, name, level };
}

/** The city a county's adcode belongs to (Zhejiang's codes: 3306 02 → 3306 00). */
export function cityAdcodeOf(countyAdcode: string): string {
  return `${countyAdcode.slice(0, 4)}00`;
}
