import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config';
import { DEFAULT_INDEX_WEIGHTS } from '../../server/stats/anti-fraud-index';

describe('configuration', () => {
  it('has the contract defaults', () => {
    expect(readConfig({})).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: './data',
      timeZone: 'Asia/Shanghai',
      region: 'shaoxing',
      tokens: {},
      simulate: false,
      allowedOrigins: [],
      trustProxy: false,
      index: { weights: DEFAULT_INDEX_WEIGHTS, moneyCap: 2 },
    });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['FRAUDWALL_TZ', 'Mars/Olympus'],
    ['FRAUDWALL_REGION', 'atlantis'],
    ['FRAUDWALL_SIMULATE', 'yes'],
    ['FRAUDWALL_SIMULATE_SPEED', '-1'],
    ['FRAUDWALL_INGEST_TOKEN', 'short'],
    ['FRAUDWALL_OPERATOR_TOKEN', 'fifteen-chars-x'],
    ['FRAUDWALL_TRUST_PROXY', 'not-an-address'],
    ['FRAUDWALL_ALLOWED_ORIGINS', 'wall.example'],
    ['FRAUDWALL_MAX_EVENT_AGE_DAYS', '0'],
  ])('stops on a bad %s, naming it', (name, value) => {
    expect(() => readConfig({ [name]: value })).toThrow(new RegExp(`${name}: `));
  });

  it('binds scoped tokens to places inside the region, each token distinct', () => {
    const config = readConfig({
      FRAUDWALL_REGION: 'zhejiang',
      FRAUDWALL_VIEWER_TOKENS: '330603:county-viewer-token-01, 330600:city-viewer-token-0001',
      FRAUDWALL_OPERATOR_TOKENS: '330000:province-operator-token',
    });
    expect(config.tokens.scopedViewers).toEqual([
      { scope: '330603', token: 'county-viewer-token-01' },
      { scope: '330600', token: 'city-viewer-token-0001' },
    ]);
    expect(config.tokens.scopedOperators).toEqual([{ scope: '330000', token: 'province-operator-token' }]);
    // Hangzhou is not inside the default region, Shaoxing.
    expect(() => readConfig({ FRAUDWALL_VIEWER_TOKENS: '330102:hangzhou-viewer-token-1' })).toThrow(/FRAUDWALL_VIEWER_TOKENS: 330102 is not 绍兴市/);
    expect(() => readConfig({ FRAUDWALL_OPERATOR_TOKENS: '330603:short' })).toThrow(/FRAUDWALL_OPERATOR_TOKENS: must be comma-separated adcode:token pairs/);
    expect(() => readConfig({ FRAUDWALL_VIEWER_TOKENS: 'keqiao:county-viewer-token-01' })).toThrow(/FRAUDWALL_VIEWER_TOKENS: /);
    expect(() => readConfig({ FRAUDWALL_VIEWER_TOKEN: 'the-same-token-twice', FRAUDWALL_OPERATOR_TOKENS: '330603:the-same-token-twice' })).toThrow(
      /every configured token must be different/,
    );
  });

  it('fills in two years of a city’s history by default, a month of the province’s', () => {
    expect(readConfig({}).simulateHistoryDays).toBe(730);
    expect(readConfig({ FRAUDWALL_REGION: 'zhejiang' }).simulateHistoryDays).toBe(30);
    expect(readConfig({ FRAUDWALL_REGION: 'zhejiang', FRAUDWALL_SIMULATE_HISTORY_DAYS: '400' }).simulateHistoryDays).toBe(400);
  });

  it('keeps the demo history within the events it accepts', () => {
    expect(() => readConfig({ FRAUDWALL_SIMULATE: '1', FRAUDWALL_MAX_EVENT_AGE_DAYS: '700' })).toThrow(/FRAUDWALL_SIMULATE_HISTORY_DAYS: /);
    expect(readConfig({ FRAUDWALL_SIMULATE: '1', FRAUDWALL_MAX_EVENT_AGE_DAYS: '732' }).maxEventAgeDays).toBe(732);
  });

  it('needs the red SLA threshold after the amber one', () => {
    expect(() => readConfig({ FRAUDWALL_SLA_AMBER_MINUTES: '30', FRAUDWALL_SLA_RED_MINUTES: '20' })).toThrow(/FRAUDWALL_SLA_RED_MINUTES: /);
    expect(() => readConfig({ FRAUDWALL_SLA_AMBER_MINUTES: 'soon' })).toThrow(/FRAUDWALL_SLA_AMBER_MINUTES: /);
    expect(readConfig({}).sla).toEqual({ amberMinutes: 15, redMinutes: 30 });
  });

  it('reads the anti-fraud index weights, naming the variable when they are wrong', () => {
    expect(readConfig({ FRAUDWALL_INDEX_WEIGHTS: 'dissuasion:40,timeliness:20,closure:20,money:10,cases:5,outreach:5' }).index.weights).toEqual({
      dissuasion: 40, timeliness: 20, closure: 20, money: 10, cases: 5, outreach: 5,
    });
    expect(() => readConfig({ FRAUDWALL_INDEX_WEIGHTS: 'dissuasion:40' })).toThrow(/FRAUDWALL_INDEX_WEIGHTS: .*missing: timeliness/);
    expect(() => readConfig({ FRAUDWALL_INDEX_WEIGHTS: 'dissuasion:30,timeliness:20,closure:20,money:15,cases:15' })).toThrow(/FRAUDWALL_INDEX_WEIGHTS: .*missing: outreach/);
    expect(() => readConfig({ FRAUDWALL_INDEX_WEIGHTS: 'dissuasion:40,timeliness:20,closure:20,money:10,cases:5,outreach:10' })).toThrow(
      /FRAUDWALL_INDEX_WEIGHTS: must sum to 100 \(these sum to 105\)/,
    );
    expect(() => readConfig({ FRAUDWALL_INDEX_WEIGHTS: 'speed:1' })).toThrow(/FRAUDWALL_INDEX_WEIGHTS: /);
    expect(readConfig({}).index).toEqual({ weights: { dissuasion: 25, timeliness: 20, closure: 20, money: 15, cases: 10, outreach: 10 }, moneyCap: 2 });
  });

  it('reads every variable', () => {
    const config = readConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      FRAUDWALL_DATA_DIR: '/var/lib/fraudwall',
      FRAUDWALL_TZ: 'UTC',
      FRAUDWALL_REGION: 'ningbo',
      FRAUDWALL_INGEST_TOKEN: 'ingest-0123456789ab',
      FRAUDWALL_OPERATOR_TOKEN: 'operator-0123456789',
      FRAUDWALL_VIEWER_TOKEN: 'viewer-0123456789ab',
      FRAUDWALL_SIMULATE: '1',
      FRAUDWALL_SIMULATE_SPEED: '60',
      FRAUDWALL_TRUST_PROXY: 'loopback, 10.0.0.0/8',
      FRAUDWALL_ALLOWED_ORIGINS: 'http://wall.example:8080,https://briefing.example',
      FRAUDWALL_MAX_EVENT_AGE_DAYS: '800',
    });
    expect(config).toMatchObject({
      port: 0,
      region: 'ningbo',
      timeZone: 'UTC',
      simulate: true,
      simulateSpeed: 60,
      trustProxy: ['loopback', '10.0.0.0/8'],
      allowedOrigins: ['http://wall.example:8080', 'https://briefing.example'],
      maxEventAgeDays: 800,
      tokens: { ingest: 'ingest-0123456789ab', operator: 'operator-0123456789', viewer: 'viewer-0123456789ab' },
    });
  });
});
