// The contract's escalation semantics, one rule a test, on the pure projection.
import { describe, expect, it } from 'vitest';
import { project } from '../../shared/aggregate/project';
import type { EscalationRecord, ProjectionContext, WarningRecord } from '../../shared/aggregate/records';
import type { FraudEvent } from '../../shared/schema/events';
import { ZonedCalendar } from '../../shared/time/zoned-calendar';
import { contact, escalation, warning } from '../fixtures/events';

const calendar = new ZonedCalendar('Asia/Shanghai');
const at = (hhmm: string, day = '2026-11-27') => `${day}T${hhmm}:00+08:00`;
const ms = (hhmm: string, day = '2026-11-27') => Date.parse(at(hhmm, day));
const run = (event: Record<string, unknown>, context: ProjectionContext = {}) =>
  project(event as FraudEvent, context, calendar);

const knownWarning: WarningRecord = {
  id: 'w-1', county: '330603', day: '2026-11-27', bucket: 54, atMs: ms('09:00'), level: 'medium',
  source: 'city', fraudType: 'rebate', phone: '13812341234', name: '刘洋',
};
const openAt = (stage: EscalationRecord['stage'], opened = '09:10', n = 1): EscalationRecord => ({
  warningId: 'w-1', n, county: '330603', openedAtMs: ms(opened), stage, stageAtMs: ms(opened),
});

describe('project', () => {
  it('counts a warning on its day, level, source and type, in its 10-minute bucket', () => {
    const p = run(warning('w-1', at('09:35')));
    expect(p.counters.map((c) => `${c.day} ${c.metric} ${c.delta}`)).toEqual([
      '2026-11-27 warnings 1', '2026-11-27 level.medium 1', '2026-11-27 source.city 1', '2026-11-27 type.rebate 1',
    ]);
    expect(p.volume).toEqual([{ day: '2026-11-27', county: '330603', bucket: 57, level: 'medium', delta: 1 }]);
    expect(p.warning).toMatchObject({ id: 'w-1', phone: '13812341234', level: 'medium' });
  });

  it('counts a warning whose escalation arrived first as high risk', () => {
    const p = run(warning('w-1', at('09:00')), { escalation: openAt('opened') });
    expect(p.counters.find((c) => c.metric.startsWith('level.'))?.metric).toBe('level.high');
    expect(p.volume[0]?.level).toBe('high');
  });

  it('opens an escalation on an unreachable call and raises the known warning to high on its own day', () => {
    const p = run(contact('c-1', 'w-1', at('00:05', '2026-11-28'), { result: 'unreachable' }), { warning: knownWarning });
    expect(p.escalation).toMatchObject({ warningId: 'w-1', n: 1, stage: 'opened', openedAtMs: ms('00:05', '2026-11-28') });
    const byMetric = Object.fromEntries(p.counters.map((c) => [`${c.day} ${c.metric}`, c.delta]));
    expect(byMetric).toEqual({
      '2026-11-28 contact.unreachable': 1,
      '2026-11-28 channel.96110.unreachable': 1,
      '2026-11-28 escalation.opened': 1,
      '2026-11-27 level.medium': -1,
      '2026-11-27 level.high': 1,
    });
  });

  it('opens an escalation for a warning not yet seen, without a level to move', () => {
    const p = run(contact('c-1', 'w-x', at('09:00'), { result: 'unreachable' }));
    expect(p.escalation).toMatchObject({ warningId: 'w-x', stage: 'opened' });
    expect(p.volume).toEqual([]);
  });

  it('keeps one open escalation per warning: a second unreachable call only moves openedAt earlier', () => {
    const later = run(contact('c-2', 'w-1', at('09:20'), { result: 'unreachable' }), { escalation: openAt('opened') });
    expect(later.escalation).toBeUndefined();
    const earlier = run(contact('c-2', 'w-1', at('09:05'), { result: 'unreachable' }), { escalation: openAt('opened') });
    expect(earlier.escalation).toMatchObject({ n: 1, openedAtMs: ms('09:05') });
  });

  it('moves the opened count to the earlier day when a late event pulls openedAt back over midnight', () => {
    const p = run(escalation('e-1', 'w-1', at('23:50', '2026-11-26'), 'comms'), { escalation: openAt('opened', '00:10') });
    expect(p.escalation).toMatchObject({ stage: 'comms', openedAtMs: ms('23:50', '2026-11-26') });
    expect(p.counters).toEqual([
      { day: '2026-11-27', county: '330603', metric: 'escalation.opened', delta: -1 },
      { day: '2026-11-26', county: '330603', metric: 'escalation.opened', delta: 1 },
    ]);
  });

  it('moves steps forward only: a late older step changes nothing', () => {
    const forward = run(escalation('e-2', 'w-1', at('09:30'), 'station', { station: '柯桥派出所' }), { escalation: openAt('comms') });
    expect(forward.escalation).toMatchObject({ stage: 'station', station: '柯桥派出所', stageAtMs: ms('09:30') });
    const backward = run(escalation('e-3', 'w-1', at('09:40'), 'comms'), { escalation: openAt('station') });
    expect(backward.escalation).toBeUndefined();
    expect(backward.counters).toEqual([]);
  });

  it('remembers each face-to-face step, the station and the grid worker, in either order, and takes neither twice', () => {
    const station = run(escalation('e-4', 'w-1', at('09:30'), 'station', { station: '柯桥派出所' }), { escalation: openAt('comms') }).escalation!;
    expect(station).toMatchObject({ stage: 'station', stationAtMs: ms('09:30') });
    expect(station.gridAtMs).toBeUndefined();
    const both = run(escalation('e-5', 'w-1', at('09:35'), 'grid', { grid: '柯岩街道第2网格' }), { escalation: station }).escalation!;
    expect(both).toMatchObject({ stage: 'grid', station: '柯桥派出所', stationAtMs: ms('09:30'), grid: '柯岩街道第2网格', gridAtMs: ms('09:35') });
    expect(run(escalation('e-6', 'w-1', at('09:40'), 'station', { station: '华舍派出所' }), { escalation: both }).escalation).toBeUndefined();
    const gridFirst = run(escalation('e-7', 'w-1', at('09:20'), 'grid', { grid: '柯岩街道第2网格' }), { escalation: openAt('opened') }).escalation!;
    expect(run(escalation('e-8', 'w-1', at('09:25'), 'station'), { escalation: gridFirst }).escalation).toMatchObject({ stage: 'station', gridAtMs: ms('09:20'), stationAtMs: ms('09:25') });
  });

  it('opens an escalation at the reported step when the first news is a step, resolved ones at once', () => {
    const station = run(escalation('e-1', 'w-1', at('09:30'), 'station'), { warning: knownWarning });
    expect(station.escalation).toMatchObject({ stage: 'station', openedAtMs: ms('09:30') });
    expect(station.counters.map((c) => c.metric)).toEqual(['escalation.opened', 'level.medium', 'level.high']);
    const resolved = run(escalation('e-1', 'w-1', at('09:30'), 'resolved', { outcome: 'dissuaded' }));
    expect(resolved.escalation).toMatchObject({ stage: 'resolved', outcome: 'dissuaded' });
    const resolvedMetrics = resolved.counters.map((c) => c.metric);
    expect(resolvedMetrics.filter((m) => !m.startsWith('resolved.within'))).toEqual(['escalation.opened', 'escalation.resolved', 'outcome.dissuaded']);
    // Opened and resolved at the same moment: within every closure limit.
    expect(resolvedMetrics.filter((m) => m.startsWith('resolved.within'))).toHaveLength(7);
  });

  it('resolves once: later steps on a resolved escalation change nothing', () => {
    const resolved = { ...openAt('resolved'), stageAtMs: ms('10:00'), outcome: 'dissuaded' as const };
    expect(run(escalation('e-9', 'w-1', at('10:30'), 'resolved', { outcome: 'loss' }), { escalation: resolved }).escalation).toBeUndefined();
    expect(run(escalation('e-9', 'w-1', at('10:30'), 'comms'), { escalation: resolved }).counters).toEqual([]);
  });

  it('reopens only on an unreachable call later than the resolution, without raising the level twice', () => {
    const resolved = { ...openAt('resolved'), stageAtMs: ms('10:00'), outcome: 'dissuaded' as const };
    const early = run(contact('c-5', 'w-1', at('09:59'), { result: 'unreachable' }), { escalation: resolved, warning: knownWarning });
    expect(early.escalation).toBeUndefined();
    const late = run(contact('c-6', 'w-1', at('10:01'), { result: 'unreachable' }), { escalation: resolved, warning: knownWarning });
    expect(late.escalation).toMatchObject({ n: 2, stage: 'opened', openedAtMs: ms('10:01') });
    expect(late.counters.map((c) => c.metric)).toEqual(['contact.unreachable', 'channel.96110.unreachable', 'escalation.opened']);
  });

  it('counts a call by its channel as well, and one that does not say its channel under unknown', () => {
    const metrics = (fields: Record<string, unknown>) => run(contact('c-9', 'w-1', at('09:40'), fields)).counters.map((c) => c.metric);
    expect(metrics({ channel: 'sms', result: 'dissuaded' })).toEqual(['contact.dissuaded', 'channel.sms.dissuaded']);
    expect(metrics({ channel: undefined, result: 'not_deceived' })).toEqual(['contact.not_deceived', 'channel.unknown.not_deceived']);
  });
});

describe('project: the anti-fraud index counters', () => {
  const metrics = (p: ReturnType<typeof run>) => p.counters.map((c) => `${c.day} ${c.county} ${c.metric} ${c.delta}`);

  it('counts a warning as called in time when its first call comes within 10 minutes, once', () => {
    const first = run(contact('c-1', 'w-1', at('09:10')), { warning: knownWarning });
    expect(metrics(first)).toContain('2026-11-27 330603 warning.timely 1');
    const second = run(contact('c-2', 'w-1', at('09:05')), { warning: knownWarning, firstContactMs: ms('09:10') });
    expect(metrics(second).filter((m) => m.includes('timely'))).toEqual([]);
    const late = run(contact('c-3', 'w-1', at('09:11')), { warning: knownWarning });
    expect(metrics(late).filter((m) => m.includes('timely'))).toEqual([]);
    // A late first call, then an earlier one arriving out of order, makes it timely.
    const earlier = run(contact('c-4', 'w-1', at('09:08')), { warning: knownWarning, firstContactMs: ms('09:30') });
    expect(metrics(earlier)).toContain('2026-11-27 330603 warning.timely 1');
  });

  it('counts a warning arriving after its timely call', () => {
    const p = run(warning('w-1', at('09:00')), { firstContactMs: ms('09:04') });
    expect(metrics(p)).toContain('2026-11-27 330603 warning.timely 1');
  });

  it('counts how soon an escalation was resolved against every closure limit', () => {
    const p = run(escalation('e-9', 'w-1', at('09:35'), 'resolved', { outcome: 'dissuaded' }), { escalation: openAt('station', '09:10') });
    expect(metrics(p).filter((m) => m.includes('resolved.within'))).toEqual([
      '2026-11-27 330603 resolved.within.30 1',
      '2026-11-27 330603 resolved.within.45 1',
      '2026-11-27 330603 resolved.within.60 1',
      '2026-11-27 330603 resolved.within.90 1',
      '2026-11-27 330603 resolved.within.120 1',
    ]);
  });
});
