// Today's map: every bundled region pack matches its map county for county, by adcode, with the
// divisions in force since 2021; an operator's map (FRAUDWALL_MAP_FILE) is checked the same way
// at start, and one that does not fit stops the server naming the variable and the county.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REGION_PACKS, regionPack, type RegionId } from '../../shared/region';
import { checkRegionMap } from '../../shared/region/region-map';
import { ConfigError, readConfig } from '../../server/config';
import { bundledMapPath } from '../../server/region/region-route';

const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-map-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bundled = (id: RegionId) => JSON.parse(readFileSync(bundledMapPath(id), 'utf8')) as { features: { properties: Record<string, unknown> }[] };

describe('region maps', () => {
  it('has a map for every region that fits its units: 11 cities by county, 90 counties in all, and the province by city', () => {
    let counties = 0;
    for (const id of Object.keys(REGION_PACKS) as RegionId[]) {
      const checked = checkRegionMap(bundled(id), regionPack(id));
      expect(checked.ok ? [] : checked.problems, id).toEqual([]);
      if (id !== 'zhejiang') counties += regionPack(id).counties.length;
    }
    expect(counties).toBe(90);
    const province = regionPack('zhejiang');
    expect(province.cities?.map((c) => c.adcode)).toEqual(['330100', '330200', '330300', '330400', '330500', '330600', '330700', '330800', '330900', '331000', '331100']);
    expect(province.counties).toHaveLength(90);
    expect(province.counties.map((c) => c.adcode)).toEqual(province.counties.map((c) => c.adcode).sort());
    expect(bundled('zhejiang').features.map((f) => f.properties['adcode'])).toEqual(province.cities?.map((c) => c.adcode));
  });

  it('follows today’s divisions: Hangzhou’s 2021 reform, 临安区, 奉化区, 龙港市, 玉环市', () => {
    const codes = (id: RegionId) => regionPack(id).counties.map((c) => c.adcode);
    expect(codes('hangzhou')).toEqual(expect.arrayContaining(['330102', '330105', '330112', '330113', '330114']));
    expect(codes('hangzhou')).not.toContain('330103'); // 下城区
    expect(codes('hangzhou')).not.toContain('330104'); // 江干区
    expect(codes('hangzhou')).not.toContain('330185'); // 临安市
    expect(codes('ningbo')).toContain('330213');
    expect(codes('ningbo')).not.toContain('330283');
    expect(codes('wenzhou')).toContain('330383');
    expect(codes('taizhou')).toContain('331083');
    expect(codes('taizhou')).not.toContain('331021');
    expect(regionPack('hangzhou').counties.find((c) => c.adcode === '330113')?.name).toBe('临平区');
  });

  it('checks an operator’s map at start, by adcode, naming what does not fit', () => {
    const shaoxing = bundled('shaoxing');
    const write = (name: string, geo: unknown) => {
      const file = path.join(dir, name);
      writeFileSync(file, JSON.stringify(geo));
      return file;
    };
    const start = (file: string) => readConfig({ FRAUDWALL_MAP_FILE: file });
    // Numeric adcodes and other spellings of the names are fine: the join is by code.
    const renamed = shaoxing.features.map((f) => ({ ...f, properties: { ...f.properties, adcode: Number(f.properties['adcode']), name: 'x' } }));
    expect(start(write('ok.geojson', { type: 'FeatureCollection', features: renamed })).mapFile).toContain('ok.geojson');

    const missing = write('missing.geojson', { type: 'FeatureCollection', features: shaoxing.features.slice(1) });
    expect(() => start(missing)).toThrow(ConfigError);
    expect(() => start(missing)).toThrow(/FRAUDWALL_MAP_FILE: .*330602 越城区 is missing/);
    const foreign = { ...shaoxing.features[0]!, properties: { adcode: '330102', name: '上城区' } };
    expect(() => start(write('extra.geojson', { type: 'FeatureCollection', features: [...shaoxing.features, foreign] }))).toThrow(
      /330102 is not a county of region shaoxing/,
    );
    expect(() => start(write('twice.geojson', { type: 'FeatureCollection', features: [...shaoxing.features, shaoxing.features[0]] }))).toThrow(
      /330602 越城区 appears more than once/,
    );
    expect(() => start(write('list.geojson', []))).toThrow(/FRAUDWALL_MAP_FILE: .*not a GeoJSON FeatureCollection/);
    expect(() => start(path.join(dir, 'absent.geojson'))).toThrow(/FRAUDWALL_MAP_FILE: cannot read/);
  });
});
