// The scopes of a region: the province, its 11 cities and 90 counties; a city and its counties;
// what each read of a scope is limited to, and which scope lies inside which.
import { describe, expect, it } from 'vitest';
import { defaultCenterName, RegionScopes, regionPack } from '../../shared/region';
import { cityAdcodeOf, scopeInfo } from '../../shared/region/scopes';

const province = new RegionScopes(regionPack('zhejiang'));
const shaoxing = new RegionScopes(regionPack('shaoxing'));

describe('RegionScopes', () => {
  it('holds the province, its 11 cities and its 90 counties, each once', () => {
    expect(province.inside(province.region)).toHaveLength(1 + 11 + 90);
    expect(province.region).toMatchObject({ adcode: '330000', level: 'province' });
    expect(province.region.cities).toHaveLength(11);
    expect(province.get('330600')).toMatchObject({ name: '绍兴市', level: 'city', mapId: 'shaoxing' });
    expect(province.get('330603')).toMatchObject({ name: '柯桥区', level: 'county', mapId: 'shaoxing', city: { name: '绍兴市' } });
    expect(province.get('330603')?.city?.counties).toHaveLength(6);
  });

  it('holds a city and its six counties, and nothing outside it', () => {
    expect(shaoxing.region).toMatchObject({ adcode: '330600', level: 'city' });
    expect(shaoxing.inside(shaoxing.region).sort()).toEqual(['330600', '330602', '330603', '330604', '330624', '330681', '330683']);
    expect(shaoxing.get('330100')).toBeUndefined();
    expect(shaoxing.get('330106')).toBeUndefined();
    expect(shaoxing.get('nonsense')).toBeUndefined();
  });

  it('limits a read to the scope’s counties, and the region’s to none', () => {
    expect(shaoxing.within(shaoxing.region)).toBeNull();
    expect(shaoxing.within(shaoxing.get('330603')!)).toEqual(['330603']);
    expect(province.within(province.get('330600')!)).toEqual(['330602', '330603', '330604', '330624', '330681', '330683']);
  });

  it('knows which scope lies inside which', () => {
    const [city, county, otherCity] = [province.get('330600')!, province.get('330603')!, province.get('330100')!];
    expect(province.contains(province.region, county)).toBe(true);
    expect(province.contains(city, county)).toBe(true);
    expect(province.contains(county, city)).toBe(false);
    expect(province.contains(otherCity, county)).toBe(false);
    expect(province.inside(county)).toEqual(['330603']);
  });

  it('says of a scope only its adcode, name and level, and finds a county’s city', () => {
    expect(scopeInfo(province.get('330603')!)).toEqual({ adcode: '330603', name: '柯桥区', level: 'county' });
    expect(cityAdcodeOf('330603')).toBe('330600');
  });

  it('names a region’s anti-fraud center after its police: a city’s bureau, the province’s department', () => {
    expect(defaultCenterName(regionPack('shaoxing'))).toBe('绍兴市公安局反诈中心');
    expect(defaultCenterName(regionPack('zhejiang'))).toBe('浙江省公安厅反诈中心');
  });
});
