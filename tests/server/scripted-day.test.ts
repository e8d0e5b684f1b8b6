// A scripted day through the real server: the snapshot's figures computed by hand here,
// out-of-order events, masking, and a restart that must show the same numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/protocol/wall-state';
import { caseEvent, contact, escalation, interception, SHAOXING, warning } from '../fixtures/events';
import { ManualClock, startServer, type TestServer } from '../support/test-server';

const t = (hhmm: string, day = '27') => `2026-11-${day}T${hhmm}:00+08:00`;
const clock = new ManualClock(Date.parse(t('15:00')));
let server: TestServer;

const PII = ['13812341234', '13900001111', '13700002222', '13655556666', '刘洋', '王芳', '张伟'];

beforeAll(async () => {
  server = await startServer({ clock });
  await server.ingest([
    warning('y-1', t('20:00', '26'), { county: SHAOXING.keqiao, level: 'low', source: 'province' }),
    warning('w-1', t('09:00'), { county: SHAOXING.keqiao, level: 'medium', source: 'city', victim: { phone: '13812341234', name: '刘洋' } }),
    warning('w-2', t('09:05'), { county: SHAOXING.yuecheng, level: 'high', source: 'province', fraudType: 'investment', victim: { phone: '13900001111' } }),
    warning('w-3', t('09:12'), { county: SHAOXING.zhuji, level: 'low', source: 'city', fraudType: 'loan', victim: { phone: '13700002222', name: '王芳' } }),
    contact('c-1', 'w-1', t('09:20'), { county: SHAOXING.keqiao, result: 'dissuaded' }),
    contact('c-2', 'w-3', t('09:25'), { county: SHAOXING.zhuji, result: 'unreachable' }),
    escalation('e-1', 'w-3', t('09:30'), 'comms', { county: SHAOXING.zhuji, note: '呼叫转移 13700002222' }),
    // w-9 has not arrived yet: its escalation opens without a phone.
    contact('c-3', 'w-9', t('09:40'), { county: SHAOXING.keqiao, result: 'unreachable' }),
    // w-2 never had an unreachable call: the station step opens its escalation, the report closes it.
    escalation('e-2', 'w-2', t('09:50'), 'station', { county: SHAOXING.yuecheng, station: '府山派出所' }),
    interception('i-1', t('10:00'), { county: SHAOXING.keqiao, kind: 'stop_payment', amountFen: 1_234_500 }),
    interception('i-2', t('10:10'), { county: SHAOXING.zhuji, kind: 'recovery', amountFen: 50_000 }),
    escalation('e-3', 'w-2', t('10:30'), 'resolved', { county: SHAOXING.yuecheng, outcome: 'dissuaded' }),
    caseEvent('k-1', t('11:00'), { county: SHAOXING.yuecheng, kind: 'filed', count: 2, lossFen: 300_000 }),
    contact('c-4', 'w-1', t('11:00'), { county: SHAOXING.keqiao, result: 'not_deceived' }),
  ]);
});
afterAll(() => server.destroy());

describe('a scripted day', () => {
  let before: Snapshot;

  it('shows an escalation whose warning has not arrived with a null phone', async () => {
    before = await server.snapshot();
    expect(before.activeEscalations).toEqual([
      expect.objectContaining({ warningId: 'w-3', county: SHAOXING.zhuji, step: 'comms', phone: '137****2222', name: '王*' }),
      expect.objectContaining({ warningId: 'w-9', county: SHAOXING.keqiao, step: 'opened', phone: null }),
    ]);
  });

  it('fills in the late warning and then shows the hand-computed figures', async () => {
    await server.ingest([
      warning('w-9', t('09:38'), { county: SHAOXING.shengzhou, level: 'medium', source: 'city', victim: { phone: '13655556666', name: '张伟' } }),
    ]);
    const s = await server.snapshot();
    expect(s.day).toBe('2026-11-27');
    expect(s.demo).toBe(false);
    expect(s.wall).toEqual({ centerName: '绍兴市公安局反诈中心', timeZone: 'Asia/Shanghai', sla: { amberMinutes: 15, redMinutes: 30 }, clockRate: 0, version: expect.any(String) });
    expect(s.asOf).toBe('2026-11-27T15:00:00.000+08:00');
    expect(s.today.warnings).toMatchObject({
      total: 4,
      // w-3 (issued low) and w-9 (issued medium) have escalations: they count as high.
      byLevel: { high: 3, medium: 1, low: 0 },
      bySource: { province: 1, city: 3 },
    });
    expect(s.today.warnings.byType).toMatchObject({ rebate: 2, investment: 1, loan: 1, romance: 0 });
    expect(s.today.contacts).toMatchObject({ dissuaded: 1, notDeceived: 1, unreachable: 2 });
    expect(s.today.escalations).toMatchObject({ opened: 3, active: 2, resolved: 1, byOutcome: { dissuaded: 1, loss: 0, false_alarm: 0 } });
    expect(s.today.interceptedFen).toEqual({ stopPayment: 1_234_500, recovery: 50_000 });
    expect(s.today.cases).toEqual({ filed: 2, solved: 0, arrest: 0, lossFen: 300_000 });
    expect(s.yesterday).toEqual({ warnings: 1, interceptedFen: 0 });
    expect(s.year).toEqual({ warnings: 5, dissuaded: 1, stopPaymentFen: 1_234_500, recoveryFen: 50_000, outreachSessions: 0, outreachPeople: 0 });
    expect(s.counties).toEqual([
      { adcode: '330602', name: '越城区', warnings: 1, highRisk: 1, interceptedFen: 0, activeEscalations: 0, overdueEscalations: 0 },
      { adcode: '330603', name: '柯桥区', warnings: 1, highRisk: 0, interceptedFen: 1_234_500, activeEscalations: 1, overdueEscalations: 1 },
      { adcode: '330604', name: '上虞区', warnings: 0, highRisk: 0, interceptedFen: 0, activeEscalations: 0, overdueEscalations: 0 },
      { adcode: '330624', name: '新昌县', warnings: 0, highRisk: 0, interceptedFen: 0, activeEscalations: 0, overdueEscalations: 0 },
      { adcode: '330681', name: '诸暨市', warnings: 1, highRisk: 1, interceptedFen: 50_000, activeEscalations: 1, overdueEscalations: 1 },
      { adcode: '330683', name: '嵊州市', warnings: 1, highRisk: 1, interceptedFen: 0, activeEscalations: 0, overdueEscalations: 0 },
    ]);
    expect(s.activeEscalations).toEqual([
      { warningId: 'w-3', county: '330681', openedAt: '2026-11-27T09:25:00.000+08:00', step: 'comms', stepAt: '2026-11-27T09:30:00.000+08:00', phone: '137****2222', name: '王*', fraudType: 'loan' },
      { warningId: 'w-9', county: '330603', openedAt: '2026-11-27T09:40:00.000+08:00', step: 'opened', stepAt: '2026-11-27T09:40:00.000+08:00', phone: '136****6666', name: '张*', fraudType: 'rebate' },
    ]);
    // Today's volume: 09:00 and 09:05 in bucket 54, 09:12 in 55, 09:38 in 57; yesterday's 20:00 in 120.
    expect(s.volume).toEqual({
      today: { '54': { high: 1, medium: 1, low: 0 }, '55': { high: 1, medium: 0, low: 0 }, '57': { high: 1, medium: 0, low: 0 } },
      yesterday: { '120': 1 },
    });
    expect(s.recent[0]).toMatchObject({ id: 'w-9', victim: { phone: '136****6666', name: '张*' } });
  });

  it('never shows a phone number or name unmasked, nor an operator note', async () => {
    const text = JSON.stringify(await server.snapshot());
    for (const secret of PII) expect(text).not.toContain(secret);
    expect(text).not.toContain('呼叫转移');
  });

  it('shows the same figures after a restart on the same database', async () => {
    const beforeRestart = await server.snapshot();
    await server.close();
    const restarted = await startServer({ clock, dataDir: server.dataDir });
    try {
      const after = await restarted.snapshot();
      expect(after.bootId).not.toBe(beforeRestart.bootId);
      const comparable = ({ bootId: _b, seq: _s, asOf: _a, ...rest }: Snapshot) => rest;
      expect(comparable(after)).toEqual(comparable(beforeRestart));
    } finally {
      await restarted.close();
    }
  });
});
