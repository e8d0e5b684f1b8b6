// POST /api/v1/escalations/:warningId/steps and the console's read endpoints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperatorEscalation } from '../../shared/protocol/operator-view';
import { contact, escalation, SHAOXING, warning } from '../fixtures/events';
import { ManualClock, OPERATOR_TOKEN, postStep, startServer, type TestServer } from '../support/test-server';
import { isStored } from '../support/stored';

const clock = new ManualClock(Date.parse('2026-11-27T10:00:00+08:00'));
let server: TestServer;
const t = (hhmm: string) => `2026-11-27T${hhmm}:00+08:00`;

const step = (warningId: string, body: unknown, raw?: string) => postStep(server.url, warningId, raw ?? body);
const get = async <T>(path: string) =>
  (await (await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } })).json()) as T;

beforeAll(async () => {
  server = await startServer({ clock });
  await server.ingest([
    warning('op-w1', t('09:00'), { county: SHAOXING.keqiao, victim: { phone: '13812345678', name: '刘洋' } }),
    contact('op-c1', 'op-w1', t('09:05'), { county: SHAOXING.keqiao, result: 'unreachable' }),
    warning('op-w2', t('09:10'), { county: SHAOXING.zhuji }),
    contact('op-c2', 'op-w2', t('09:12'), { county: SHAOXING.zhuji, result: 'dissuaded' }),
    escalation('op-old', 'op-w3', t('08:00'), 'station', { county: SHAOXING.keqiao, station: '柯桥派出所' }),
    escalation('op-old2', 'op-w3', t('08:40'), 'resolved', { county: SHAOXING.keqiao, station: '柯桥派出所', outcome: 'dissuaded' }),
  ]);
});
afterAll(() => server.destroy());

describe('operator steps', () => {
  it('checks the body first: 400 naming the field', async () => {
    const missing = await step('op-w1', { step: 'resolved' });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toBe('outcome: is required when step is resolved');
    expect((await step('op-w1', { step: 'comms', extra: 1 })).status).toBe(400);
    expect((await step('op-w1', { step: 'fly' })).status).toBe(400);
    expect((await step('op-w1', undefined, '{oops')).status).toBe(400);
    // The body is checked before the escalation: an unknown warning with a bad body is 400.
    expect((await step('nobody', { step: 'resolved' })).status).toBe(400);
  });

  it('limits the body to 16 KiB', async () => {
    const response = await step('op-w1', { step: 'comms', note: 'x'.repeat(20_000) });
    expect(response.status).toBe(413);
  });

  it('answers 404 for a warning that never had an escalation', async () => {
    expect((await step('op-w2', { step: 'comms' })).status).toBe(404);
    expect((await step('nobody', { step: 'comms' })).status).toBe(404);
  });

  it('stores a forward step as an ordinary event with server id, time and county, and answers 201', async () => {
    clock.set(t('10:01'));
    const response = await step('op-w1', { step: 'comms', note: '呼叫转移', by: '张警官' });
    expect(response.status).toBe(201);
    const stored = await response.json();
    expect(stored).toMatchObject({ type: 'escalation', warningId: 'op-w1', step: 'comms', county: SHAOXING.keqiao, at: '2026-11-27T10:01:00.000+08:00', note: '呼叫转移', by: '张警官' });
    expect(stored.id).toMatch(/^op-/);
    expect(await isStored(server, stored.id)).toBe(true);
    expect((await server.snapshot()).activeEscalations.find((e) => e.warningId === 'op-w1')?.step).toBe('comms');
  });

  it('answers 409 for a step that does not move the escalation forward, and for any step on a resolved one', async () => {
    expect((await step('op-w1', { step: 'comms' })).status).toBe(409);
    expect((await step('op-w3', { step: 'station', station: '柯桥派出所' })).status).toBe(409);
    expect((await step('op-w3', { step: 'resolved', outcome: 'loss' })).status).toBe(409);
  });

  it('resolves once', async () => {
    expect((await step('op-w1', { step: 'station', station: '华舍派出所', by: '指挥调度岗' })).status).toBe(201);
    expect((await step('op-w1', { step: 'resolved', outcome: 'dissuaded', note: '已当面劝回' })).status).toBe(201);
    const second = await step('op-w1', { step: 'resolved', outcome: 'loss' });
    expect(second.status).toBe(409);
    expect((await second.json()).error).toMatch(/already resolved/);
    expect((await server.snapshot()).activeEscalations).toEqual([]);
  });
});

describe('the console’s reads', () => {
  it('lists open escalations unmasked with their history, for operators', async () => {
    await server.ingest([
      warning('op-w4', t('09:30'), { county: SHAOXING.yuecheng, victim: { phone: '13900001234', name: '王芳' } }),
      contact('op-c4', 'op-w4', t('09:31'), { county: SHAOXING.yuecheng, result: 'unreachable' }),
    ]);
    const list = await get<OperatorEscalation[]>('/api/v1/escalations');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ warningId: 'op-w4', phone: '13900001234', name: '王芳', step: 'opened', warning: { level: 'medium' } });
    expect(list[0]?.history.map((e) => e.id)).toEqual(['op-w4', 'op-c4']);
  });

  it('suggests the stations used before in a county, most used first', async () => {
    expect(await get<string[]>(`/api/v1/stations?county=${SHAOXING.keqiao}`)).toEqual(['柯桥派出所', '华舍派出所']);
    expect(await get<string[]>(`/api/v1/stations?county=${SHAOXING.zhuji}`)).toEqual([]);
  });
});

describe('the grid worker at the door (警格+网格)', () => {
  const card = async (warningId: string) => (await server.snapshot()).activeEscalations.find((e) => e.warningId === warningId);

  it('takes the grid step from the console, then the station, each once and in either order, and keeps both across a restart', async () => {
    clock.set(t('10:10'));
    await server.ingest([
      warning('op-g1', t('10:00'), { county: SHAOXING.keqiao }),
      contact('op-gc1', 'op-g1', t('10:02'), { county: SHAOXING.keqiao, result: 'unreachable' }),
    ]);
    const bad = await step('op-g1', { step: 'grid', grid: '13812345678' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/^grid: /);
    const grid = await step('op-g1', { step: 'grid', grid: '柯岩街道第2网格' });
    expect(grid.status).toBe(201);
    expect(await grid.json()).toMatchObject({ step: 'grid', grid: '柯岩街道第2网格' });
    expect(await card('op-g1')).toMatchObject({ step: 'grid', grid: '柯岩街道第2网格', gridAt: '2026-11-27T10:10:00.000+08:00' });
    const again = await step('op-g1', { step: 'grid', grid: '柯岩街道第3网格' });
    expect(again.status).toBe(409);
    expect((await again.json()).error).toBe('the escalation of op-g1 has already had its grid step; grid would not move it forward');
    expect((await step('op-g1', { step: 'comms' })).status).toBe(409);
    clock.set(t('10:12'));
    expect((await step('op-g1', { step: 'station', station: '柯桥派出所' })).status).toBe(201);
    expect((await step('op-g1', { step: 'station', station: '华舍派出所' })).status).toBe(409);
    const both = { step: 'station', station: '柯桥派出所', grid: '柯岩街道第2网格', gridAt: '2026-11-27T10:10:00.000+08:00', stationAt: '2026-11-27T10:12:00.000+08:00' };
    expect(await card('op-g1')).toMatchObject(both);
    expect((await get<OperatorEscalation[]>('/api/v1/escalations')).find((e) => e.warningId === 'op-g1')).toMatchObject(both);

    await server.close();
    server = await startServer({ clock, dataDir: server.dataDir });
    expect(await card('op-g1')).toMatchObject(both);
    expect((await step('op-g1', { step: 'grid', grid: '柯岩街道第2网格' })).status).toBe(409);
    expect((await step('op-g1', { step: 'resolved', outcome: 'dissuaded' })).status).toBe(201);
  });

  it('accepts the grid step from upstream, the station after it, and ignores a second grid step', async () => {
    clock.set(t('10:30'));
    await server.ingest([
      warning('op-g2', t('10:20'), { county: SHAOXING.zhuji }),
      contact('op-gc2', 'op-g2', t('10:21'), { county: SHAOXING.zhuji, result: 'unreachable' }),
      escalation('op-ge1', 'op-g2', t('10:25'), 'grid', { county: SHAOXING.zhuji, grid: '枫桥镇第5网格' }),
      escalation('op-ge2', 'op-g2', t('10:26'), 'grid', { county: SHAOXING.zhuji, grid: '枫桥镇第6网格' }),
      escalation('op-ge3', 'op-g2', t('10:28'), 'station', { county: SHAOXING.zhuji, station: '枫桥派出所' }),
    ]);
    expect(await card('op-g2')).toMatchObject({ step: 'station', grid: '枫桥镇第5网格', gridAt: '2026-11-27T10:25:00.000+08:00', station: '枫桥派出所' });
    const refused = await server.post([escalation('op-ge4', 'op-g2', t('10:29'), 'grid', { county: SHAOXING.zhuji, grid: '张三' })]);
    expect(((await refused.json()) as { rejected: { errors: string[] }[] }).rejected[0]?.errors[0]).toMatch(/^grid: must name a unit/);
  });
});
