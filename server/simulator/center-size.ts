// How big a region's day is. center-profile's rates are Shaoxing's; another city's are scaled
// by its people, and the province has its own published figures (domain.md): 30,000+ warning
// instructions a day from the provincial platform, the cities' own platforms adding theirs
// (Shaoxing's 1,000+ a day, scaled by people), ¥2.58 bn stopped, 65,000 cases filed, 17,000
// solved and 50,800 arrested in 2021. Counties are weighted by their people.
import { cityAdcodeOf, type RegionPack } from '../../shared/region';
import type { WarningSource } from '../../shared/vocabulary';
import * as profile from './center-profile';

/** Resident population of each city in 万人, 2020 census (rounded); the province's is 6,457. */
export const CITY_POPULATION_WAN: Readonly<Record<string, number>> = {
  '330100': 1194,
  '330200': 940,
  '330300': 957,
  '330400': 540,
  '330500': 337,
  '330600': 527,
  '330700': 705,
  '330800': 228,
  '330900': 116,
  '331000': 662,
  '331100': 251,
};

export interface CenterSize {
  readonly warningsPerDay: number;
  readonly stopPaymentsPerDay: number;
  readonly recoveriesPerDay: number;
  readonly casesFiledPerDay: number;
  readonly casesSolvedPerDay: number;
  readonly arrestsPerDay: number;
  /** The region's people against Shaoxing's: outreach scales with them. */
  readonly peopleScale: number;
  readonly sourceMix: Readonly<Record<WarningSource, number>>;
}

const SHAOXING_WAN = CITY_POPULATION_WAN['330600']!;
const PROVINCE_PLATFORM_PER_DAY = 30_000;
/** Shaoxing's own platform: 1,000+ a day for its 527 万 people. */
const CITY_PLATFORM_PER_WAN = 1_000 / SHAOXING_WAN;
/** ¥2.58 bn stopped in a year, at the profile's mean payment. */
const PROVINCE_STOP_PAYMENTS_PER_DAY = 2.58e9 / (profile.STOP_PAYMENT_MEDIAN_YUAN * Math.exp(profile.MONEY_SPREAD ** 2 / 2)) / 365;

export function centerSize(region: RegionPack): CenterSize {
  const people = region.level === 'province' ? sum(Object.values(CITY_POPULATION_WAN)) : (CITY_POPULATION_WAN[region.adcode] ?? SHAOXING_WAN);
  const scale = people / SHAOXING_WAN;
  const scaled = {
    warningsPerDay: profile.WARNINGS_PER_DAY * scale,
    stopPaymentsPerDay: profile.STOP_PAYMENTS_PER_DAY * scale,
    recoveriesPerDay: profile.RECOVERIES_PER_DAY * scale,
    casesFiledPerDay: profile.CASES_FILED_PER_DAY * scale,
    casesSolvedPerDay: profile.CASES_SOLVED_PER_DAY * scale,
    arrestsPerDay: profile.ARRESTS_PER_DAY * scale,
    peopleScale: scale,
    sourceMix: profile.SOURCE_MIX,
  };
  if (region.level !== 'province') return scaled;
  const cityPlatforms = CITY_PLATFORM_PER_WAN * people;
  return {
    ...scaled,
    warningsPerDay: PROVINCE_PLATFORM_PER_DAY + cityPlatforms,
    stopPaymentsPerDay: PROVINCE_STOP_PAYMENTS_PER_DAY,
    casesFiledPerDay: 65_000 / 365,
    casesSolvedPerDay: 17_000 / 365,
    arrestsPerDay: 50_800 / 365,
    sourceMix: { province: PROVINCE_PLATFORM_PER_DAY, city: cityPlatforms },
  };
}

/**
 * Each county's share of the region's events: its own population where the pack gives one,
 * otherwise an even part of its city's.
 */
export function countyWeights(region: RegionPack): Record<string, number> {
  const countiesPerCity = new Map<string, number>();
  for (const county of region.counties) countiesPerCity.set(cityAdcodeOf(county.adcode), (countiesPerCity.get(cityAdcodeOf(county.adcode)) ?? 0) + 1);
  return Object.fromEntries(
    region.counties.map((county) => {
      const city = cityAdcodeOf(county.adcode);
      return [county.adcode, county.populationWan ?? (CITY_POPULATION_WAN[city] ?? SHAOXING_WAN) / (countiesPerCity.get(city) ?? 1)];
    }),
  );
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
