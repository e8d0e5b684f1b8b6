// Scopes (contract: *Regions and scopes*) on one province deployment: a scripted day over three
// cities, counted by hand at province, city and county level; every socket frame of a county's
// and a city's wall holds nothing of another place; each scope's delta is computed once per tick
// for the scopes that have walls, and never for those that have none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stats } from '../../shared/protocol/stats';
import type { Snapshot } from '../../shared/protocol/wall-state';
import { regionPack } from '../../shared/region';
import { contact, interception, warning } from '../fixtures/events';
import { INGEST_TOKEN, ManualClock, OPERATOR_TOKEN, postStep, startServer, type TestServer } from '../support/test-server';
import { WallClient } from '../support/wall-client';
import { waitFor } from '../support/wait-for';

const NOW = '2026-11-27T10:00:00+08:00';
const at = (hhmm: string) => `2026-11-27T${hhmm}:00+08:00`;
const YUECHENG = '330602';
const KEQIAO = '330603';
const SHANGCHENG = '330102';
const HAISHU = '330203';

/** Three cities' morning: Shaoxing (越城, 柯桥), Hangzhou (上城, and 江干's legacy code), Ningbo (海曙). */
const DAY = [
  warning('s-w1', at('09:00'), { county: YUECHENG, level: 'high' }),
  warning('s-w2', at('09:05'), { county: YUECHENG, level: 'medium' }),
  contact('s-c2', 's-w2', at('09:10'), { county: YUECHENG, result: 'unreachable' }),
  interception('s-i1', at('09:20'), { county: YUECHENG, amountFen: 50_000 }),
  warning('s-w3', at('09:25'), { county: KEQIAO, level: 'low' }),
  warning('h-w4', at('09:30'), { county: SHANGCHENG, level: 'medium' }),
  warning('h-w5', at('09:31'), { county: SHANGCHENG, level: 'low' }),
  contact('h-c5', 'h-w5', at('09:40'), { county: SHANGCHENG, result: 'unreachable' }),
  interception('h-i2', at('09:45'), { county: SHANGCHENG, amountFen: 120_000 }),
  warning('h-w7', at('09:46'), { county: '330104', level: 'medium' }),
  warning('n-w6', at('09:50'), { county: HAISHU, level: 'high' }),
];

const COUNTY_VIEWER = 'county-viewer-token-330603';
const CITY_VIEWER = 'city-viewer-token-330600';
const COUNTY_OPERATOR = 'county-operator-token-330602';
const VIEWER = 'province-viewer-token-0001';

let server: TestServer;
const clock = new ManualClock(Date.parse(NOW));

beforeAll(async () => {
  server = await startServer({
    clock,
    env: {
      FRAUDWALL_REGION: 'zhejiang',
      FRAUDWALL_VIEWER_TOKEN: VIEWER,
      FRAUDWALL_VIEWER_TOKENS: `${KEQIAO}:${COUNTY_VIEWER},330600:${CITY_VIEWER}`,
      FRAUDWALL_OPERATOR_TOKENS: `${YUECHENG}:${COUNTY_OPERATOR}`,
    },
  });
});
afterAll(() => server.destroy());

const get = (path: string, token: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
const snapshotOf = async (scope: string, token = VIEWER) => {
  const response = await get(`/api/v1/snapshot?scope=${scope}`, token);
  expect(response.status).toBe(200);
  return (await response.json()) as Snapshot;
};
const statsOf = async (scope: string, token = VIEWER) => {
  const response = await get(`/api/v1/stats?from=2026-11-27&to=2026-11-27&scope=${scope}`, token);
  expect(response.status).toBe(200);
  return (await response.json()) as Stats;
};
/** Every adcode of the region (its cities' and counties') but those listed. */
const adcodesBut = (...kept: string[]) => {
  const province = regionPack('zhejiang');
  return [...province.counties, ...(province.cities ?? [])].map((p) => p.adcode).filter((code) => !kept.includes(code));
};

describe('scopes on a province deployment', () => {
  let countyWall: WallClient;
  let cityWall: WallClient;
  let provinceWalls: WallClient[];

  beforeAll(async () => {
    countyWall = new WallClient(server.url, COUNTY_VIEWER);
    cityWall = new WallClient(server.url, VIEWER, { scope: '330600' });
    provinceWalls = [1, 2, 3].map(() => new WallClient(server.url, VIEWER));
    await Promise.all([countyWall, cityWall, ...provinceWalls].map((wall) => wall.connected()));
    expect(server.app.broadcaster.wallsPerScope()).toEqual(new Map([[KEQIAO, 1], ['330600', 1], ['330000', 3]]));
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics.split('\n').filter((line) => line.startsWith('fraudwall_stream_sockets{')).sort()).toEqual(
      [`fraudwall_stream_sockets{scope="${KEQIAO}"} 1`, 'fraudwall_stream_sockets{scope="330600"} 1', 'fraudwall_stream_sockets{scope="330000"} 3'].sort(),
    );

    // Count the scopes' state builds while the day arrives: once per scope per tick.
    const builds = new Map<string, number>();
    const toWallState = server.app.live.toWallState.bind(server.app.live);
    server.app.live.toWallState = (scope) => {
      builds.set(scope.adcode, (builds.get(scope.adcode) ?? 0) + 1);
      return toWallState(scope);
    };
    try {
      await server.ingest(DAY);
      await waitFor(() => expect(countyWall.state?.['today']).toMatchObject({ warnings: { total: 1 } }));
      await waitFor(() => expect(provinceWalls[2]!.state?.['today']).toMatchObject({ warnings: { total: 7 } }));
    } finally {
      server.app.live.toWallState = toWallState;
    }
    // One batch, one tick: one build for each watched scope, none for the rest.
    expect(builds).toEqual(new Map([[KEQIAO, 1], ['330600', 1], ['330000', 1]]));
  });
  afterAll(() => {
    for (const wall of [countyWall, cityWall, ...provinceWalls]) wall.close();
  });

  it('counts the province: its cities, legacy codes under their successor', async () => {
    const province = await snapshotOf('330000');
    expect(province.scope).toEqual({ adcode: '330000', name: '浙江省', level: 'province' });
    expect(province.today.warnings.total).toBe(7);
    expect(province.today.warnings.byLevel).toEqual({ high: 4, medium: 2, low: 1 });
    expect(province.today.escalations.active).toBe(2);
    expect(province.today.interceptedFen.stopPayment).toBe(170_000);
    expect(province.counties).toHaveLength(90);
    expect(province.cities).toHaveLength(11);
    const city = (adcode: string) => province.cities?.find((c) => c.adcode === adcode);
    expect(city('330100')).toEqual({ adcode: '330100', name: '杭州市', warnings: 3, highRisk: 1, activeEscalations: 1, overdueEscalations: 0, interceptedFen: 120_000 });
    expect(city('330200')).toEqual({ adcode: '330200', name: '宁波市', warnings: 1, highRisk: 1, activeEscalations: 0, overdueEscalations: 0, interceptedFen: 0 });
    expect(city('330600')).toEqual({ adcode: '330600', name: '绍兴市', warnings: 3, highRisk: 2, activeEscalations: 1, overdueEscalations: 1, interceptedFen: 50_000 });
    expect(city('330700')).toMatchObject({ warnings: 0, highRisk: 0, activeEscalations: 0, overdueEscalations: 0, interceptedFen: 0 });
    expect(province.activeEscalations.map((e) => [e.warningId, e.county])).toEqual([['s-w2', YUECHENG], ['h-w5', SHANGCHENG]]);
    // The walls hold what a fresh snapshot shows.
    const { bootId: _b, seq: _s, asOf: _a, recent: _r, ...state } = province;
    expect(provinceWalls[0]!.state).toEqual(state);
  });

  it('counts a city: its own counties only', async () => {
    const city = await snapshotOf('330600');
    expect(city.scope).toEqual({ adcode: '330600', name: '绍兴市', level: 'city' });
    expect(city.cities).toBeUndefined();
    expect(city.counties.map((c) => c.adcode)).toEqual(regionPack('shaoxing').counties.map((c) => c.adcode));
    expect(city.today.warnings.total).toBe(3);
    expect(city.today.warnings.byLevel).toEqual({ high: 2, medium: 0, low: 1 });
    expect(city.today.interceptedFen.stopPayment).toBe(50_000);
    expect(city.counties.find((c) => c.adcode === YUECHENG)).toEqual({ adcode: YUECHENG, name: '越城区', warnings: 2, highRisk: 2, activeEscalations: 1, overdueEscalations: 1, interceptedFen: 50_000 });
    expect(city.activeEscalations.map((e) => e.warningId)).toEqual(['s-w2']);
    expect(city.recent.map((e) => e.id)).toEqual(['s-w3', 's-i1', 's-c2', 's-w2', 's-w1']);
    expect(Object.values(city.volume.today).reduce((sum, levels) => sum + levels.high + levels.medium + levels.low, 0)).toBe(3);
  });

  it('counts a county: itself alone', async () => {
    const county = await snapshotOf(KEQIAO);
    expect(county.scope).toEqual({ adcode: KEQIAO, name: '柯桥区', level: 'county' });
    expect(county.counties.map((c) => c.adcode)).toEqual([KEQIAO]);
    expect(county.today.warnings.total).toBe(1);
    expect(county.today.warnings.byLevel).toEqual({ high: 0, medium: 0, low: 1 });
    expect(county.activeEscalations).toEqual([]);
    expect(county.recent.map((e) => e.id)).toEqual(['s-w3']);
    // Its place among Shaoxing's six: 越城 has two, 柯桥 one, the rest none.
    expect(county.rankInCity).toEqual({ rank: 2, of: 6, cityName: '绍兴市' });
  });

  it('counts the stats of each level the same way, cities ranked at the province', async () => {
    const province = await statsOf('330000');
    expect(province.scope.level).toBe('province');
    expect(province.totals.warnings).toBe(7);
    expect(province.cities?.map((c) => [c.adcode, c.totals.warnings]).filter(([, n]) => n !== 0)).toEqual([['330100', 3], ['330200', 1], ['330600', 3]]);
    expect(province.cities?.every((c) => c.index.score >= 0 && c.index.score <= 100)).toBe(true);
    const city = await statsOf('330600');
    expect(city.totals.warnings).toBe(3);
    expect(city.totals.stopPaymentFen).toBe(50_000);
    expect(city.cities).toBeUndefined();
    expect(city.counties).toHaveLength(6);
    expect((await statsOf(KEQIAO, COUNTY_VIEWER)).totals.warnings).toBe(1);
  });

  it('lists to an operator the walls inside its scope only', async () => {
    const health = { version: 'test', uptimeSeconds: 1, scope: 'any', screen: { width: 1920, height: 1080, pixelRatio: 1 } };
    countyWall.socket.emit('wallHealth', health);
    cityWall.socket.emit('wallHealth', health);
    const listed = async (token: string, query = '') => {
      const response = await get(`/api/v1/walls${query}`, token);
      expect(response.status).toBe(200);
      return ((await response.json()) as { id: string }[]).map((w) => w.id).sort();
    };
    const both = [countyWall.socket.id, cityWall.socket.id].sort();
    await waitFor(async () => expect(await listed(OPERATOR_TOKEN)).toEqual(both));
    expect(await listed(OPERATOR_TOKEN, '?scope=330600')).toEqual(both);
    expect(await listed(OPERATOR_TOKEN, `?scope=${KEQIAO}`)).toEqual([countyWall.socket.id]);
    // 越城's operator: neither the city's wall nor 柯桥's.
    expect(await listed(COUNTY_OPERATOR)).toEqual([]);
    expect((await get('/api/v1/walls?scope=330600', COUNTY_OPERATOR)).status).toBe(403);

    // 大屏状态 counts real seconds: the server's clock jumping ten minutes (a fast demo's) leaves a healthy wall fresh.
    clock.ms += 600_000;
    try {
      const walls = (await (await get('/api/v1/walls', OPERATOR_TOKEN)).json()) as { secondsSinceHeard: number }[];
      expect(walls.map((w) => w.secondsSinceHeard).filter((s) => s > 60)).toEqual([]);
    } finally {
      clock.ms -= 600_000;
    }
  });

  it('sends a county wall only its county, and a city wall only its city', () => {
    const foreignToCounty = adcodesBut(KEQIAO);
    const foreignToCity = adcodesBut('330600', ...regionPack('shaoxing').counties.map((c) => c.adcode));
    expect(countyWall.frames.length).toBeGreaterThan(1);
    for (const frame of countyWall.frames) for (const code of foreignToCounty) expect(frame, code).not.toContain(code);
    for (const frame of cityWall.frames) for (const code of foreignToCity) expect(frame, code).not.toContain(code);
    // Nor another place's victims, masked or not.
    for (const frame of cityWall.frames) expect(frame).not.toMatch(/h-w|n-w/);
  });
});

describe('scoped access', () => {
  const outside = '330100';
  const cases: [string, string][] = [
    ['snapshot', '/api/v1/snapshot?scope='],
    ['stats', '/api/v1/stats?from=2026-11-27&to=2026-11-27&scope='],
    ['region', '/api/v1/region?scope='],
    ['map', '/api/v1/region/map?scope='],
  ];

  for (const [name, path] of cases) {
    it(`${name}: a county token reads its county, gets 403 beyond it; a city token its city; the unscoped token all`, async () => {
      expect((await get(`${path}${KEQIAO}`, COUNTY_VIEWER)).status).toBe(200);
      expect((await get(`${path}330600`, COUNTY_VIEWER)).status).toBe(403);
      expect((await get(`${path}${outside}`, COUNTY_VIEWER)).status).toBe(403);
      expect((await get(`${path}${KEQIAO}`, CITY_VIEWER)).status).toBe(200);
      expect((await get(`${path}330600`, CITY_VIEWER)).status).toBe(200);
      expect((await get(`${path}${outside}`, CITY_VIEWER)).status).toBe(403);
      expect((await get(`${path}330000`, CITY_VIEWER)).status).toBe(403);
      for (const scope of ['330000', outside, KEQIAO]) expect((await get(`${path}${scope}`, VIEWER)).status).toBe(200);
      const bad = await get(`${path}110000`, VIEWER);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: string }).error).toMatch(/^scope: /);
    });
  }

  it('gives a scoped token without a scope its own', async () => {
    const county = (await (await get('/api/v1/snapshot', COUNTY_VIEWER)).json()) as Snapshot;
    expect(county.scope.adcode).toBe(KEQIAO);
    const region = (await (await get('/api/v1/region', CITY_VIEWER)).json()) as { adcode: string; mapId: string; counties: unknown[] };
    expect(region).toMatchObject({ adcode: '330600', mapId: 'shaoxing' });
    expect(region.counties).toHaveLength(6);
    const map = (await (await get('/api/v1/region/map', COUNTY_VIEWER)).json()) as { features: { properties: { adcode: string } }[] };
    // A county is drawn on its city's map.
    expect(map.features.map((f) => f.properties.adcode)).toContain(KEQIAO);
    expect(map.features).toHaveLength(6);
  });

  it('refuses a socket outside its token’s scope, and a scope outside the region', async () => {
    const refusal = (token: string, scope: string) =>
      new Promise<{ message: string; data?: { status?: number } }>((resolve, reject) => {
        const wall = new WallClient(server.url, token, { scope });
        wall.socket.once('connect_error', (error) => {
          wall.close();
          resolve(error as Error & { data?: { status?: number } });
        });
        wall.socket.once('snapshot', () => {
          wall.close();
          reject(new Error(`${scope} was served`));
        });
      });
    expect((await refusal(COUNTY_VIEWER, '330600')).data?.status).toBe(403);
    expect((await refusal(CITY_VIEWER, '330000')).data?.status).toBe(403);
    const bad = await refusal(VIEWER, '999999');
    expect(bad.data?.status).toBe(400);
    expect(bad.message).toMatch(/^scope: /);
  });

  it('lets a scoped operator list and act on its own county’s escalations only', async () => {
    const listed = async (token: string, query = '') => {
      const response = await get(`/api/v1/escalations${query}`, token);
      expect(response.status).toBe(200);
      return ((await response.json()) as { warningId: string }[]).map((e) => e.warningId);
    };
    expect(await listed(COUNTY_OPERATOR)).toEqual(['s-w2']);
    expect((await get('/api/v1/escalations?scope=330600', COUNTY_OPERATOR)).status).toBe(403);
    expect(await listed(OPERATOR_TOKEN)).toEqual(['s-w2', 'h-w5']);
    expect(await listed(OPERATOR_TOKEN, '?scope=330100')).toEqual(['h-w5']);
    expect((await get(`/api/v1/stations?county=${YUECHENG}`, COUNTY_OPERATOR)).status).toBe(200);
    expect((await get(`/api/v1/stations?county=${SHANGCHENG}`, COUNTY_OPERATOR)).status).toBe(403);
    // A county viewer is no operator, in its county or out of it.
    expect((await get('/api/v1/escalations', COUNTY_VIEWER)).status).toBe(403);

    const step = (warningId: string, token: string) => postStep(server.url, warningId, { step: 'comms', by: '值班员' }, token);
    expect((await step('h-w5', COUNTY_OPERATOR)).status).toBe(403);
    expect((await step('s-w2', COUNTY_OPERATOR)).status).toBe(201);
    expect((await step('h-w5', OPERATOR_TOKEN)).status).toBe(201);
  });

  it('lists to a scoped operator only the rejected events of its scope', async () => {
    const response = await fetch(`${server.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify([
        warning('bad-1', at('09:55'), { county: YUECHENG, level: 'extreme' }),
        warning('bad-2', at('09:55'), { county: SHANGCHENG, level: 'extreme' }),
      ]),
    });
    expect(((await response.json()) as { rejected: unknown[] }).rejected).toHaveLength(2);
    const rejected = async (token: string, query = '') => {
      const answer = await get(`/api/v1/rejected${query}`, token);
      expect(answer.status).toBe(200);
      return ((await answer.json()) as { id?: string }[]).map((r) => r.id);
    };
    expect(await rejected(COUNTY_OPERATOR)).toEqual(['bad-1']);
    expect(await rejected(OPERATOR_TOKEN)).toEqual(['bad-2', 'bad-1']);
    expect(await rejected(OPERATOR_TOKEN, `?scope=${SHANGCHENG}`)).toEqual(['bad-2']);
    expect((await get(`/api/v1/rejected?scope=${SHANGCHENG}`, COUNTY_OPERATOR)).status).toBe(403);
  });
});
