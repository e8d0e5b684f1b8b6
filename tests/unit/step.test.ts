// The step decider: every transition an operator may make, and every refusal, in the contract's order.
import { describe, expect, it } from 'vitest';
import type { EscalationRecord } from '../../shared/aggregate/records';
import { decide, type StepCommand } from '../../shared/aggregate/step';
import { movesForward, outcomeIssue } from '../../shared/schema/step-rules';
import { ZonedCalendar } from '../../shared/time/zoned-calendar';
import { ESCALATION_STAGES, ESCALATION_STEPS, stageRank, type EscalationStage } from '../../shared/vocabulary';

const calendar = new ZonedCalendar('Asia/Shanghai');
const NOW = Date.parse('2026-11-27T09:30:00+08:00');
const context = { warningId: 'w-1', nowMs: NOW, id: 'op-1', within: null, calendar };
const at = (stage: EscalationStage, stageAtMs = NOW - 60_000): EscalationRecord => ({
  warningId: 'w-1',
  n: 1,
  county: '330602',
  openedAtMs: NOW - 600_000,
  stage,
  stageAtMs,
  // At a face-to-face stage, that step has been taken.
  ...(stage === 'station' ? { station: '柯桥派出所', stationAtMs: stageAtMs } : {}),
  ...(stage === 'grid' ? { grid: '柯岩街道第2网格', gridAtMs: stageAtMs } : {}),
  ...(stage === 'resolved' ? { outcome: 'dissuaded' as const } : {}),
});
const command = (step: StepCommand['step']): StepCommand => (step === 'resolved' ? { step, outcome: 'dissuaded' } : { step });

/** The steps that move an escalation forward from each stage (with only that stage's face-to-face step taken). */
const FORWARD: Record<EscalationStage, EscalationStage[]> = {
  opened: ['comms', 'station', 'grid', 'resolved'],
  comms: ['station', 'grid', 'resolved'],
  station: ['grid', 'resolved'],
  grid: ['station', 'resolved'],
  resolved: [],
};

describe('movesForward', () => {
  it('moves opened → comms → face to face (station or grid, either or both, in either order) → resolved', () => {
    for (const from of ESCALATION_STAGES) {
      for (const to of ESCALATION_STAGES) expect(movesForward(at(from), to), `${from} → ${to}`).toBe(FORWARD[from].includes(to));
    }
  });

  it('takes each face-to-face step once: after both, only the report back', () => {
    const both = { ...at('grid'), station: '柯桥派出所', stationAtMs: NOW - 120_000 };
    expect(ESCALATION_STAGES.filter((to) => movesForward(both, to))).toEqual(['resolved']);
    const stationAfterGrid = { ...at('station'), grid: '柯岩街道第2网格', gridAtMs: NOW - 120_000 };
    expect(ESCALATION_STAGES.filter((to) => movesForward(stationAfterGrid, to))).toEqual(['resolved']);
  });
});

describe('outcomeIssue', () => {
  it('requires an outcome to resolve, and forbids one on any other step', () => {
    expect(outcomeIssue('resolved', undefined)).toBe('is required when step is resolved');
    expect(outcomeIssue('resolved', 'loss')).toBeUndefined();
    expect(outcomeIssue('comms', undefined)).toBeUndefined();
    expect(outcomeIssue('station', 'dissuaded')).toBe('is only allowed when step is resolved');
  });
});

describe('decide', () => {
  it('turns every forward step into an escalation event of the escalation’s county, with the id given', () => {
    for (const from of ESCALATION_STAGES) {
      if (from === 'resolved') continue;
      for (const step of ESCALATION_STEPS.filter((s) => FORWARD[from].includes(s))) {
        const decision = decide(at(from), { ...command(step), note: '已核实', by: 'op.zhang' }, context);
        expect(decision, `${from} → ${step}`).toEqual({
          ok: true,
          event: { id: 'op-1', type: 'escalation', at: '2026-11-27T09:30:00.000+08:00', county: '330602', warningId: 'w-1', ...command(step), note: '已核实', by: 'op.zhang' },
        });
      }
    }
  });

  it('never dates a step before the step it follows, whatever the server’s clock says', () => {
    const decision = decide(at('comms', NOW + 5_000), command('station'), context);
    expect(decision.ok && decision.event.at).toBe('2026-11-27T09:30:05.000+08:00');
  });

  it('refuses a warning that never had an escalation with 404', () => {
    expect(decide(undefined, command('comms'), context)).toMatchObject({ ok: false, status: 404, error: 'warning w-1 has never had an escalation' });
  });

  it('refuses an escalation outside the operator’s scope with 403, before looking at the step', () => {
    expect(decide(at('resolved'), command('comms'), { ...context, within: ['330603'] })).toMatchObject({ ok: false, status: 403 });
    expect(decide(at('opened'), command('comms'), { ...context, within: ['330602', '330603'] })).toMatchObject({ ok: true });
  });

  it('refuses any step on a resolved escalation, and a step that does not move forward, with 409', () => {
    for (const step of ESCALATION_STEPS) {
      expect(decide(at('resolved'), command(step), context)).toMatchObject({ ok: false, status: 409, error: 'the escalation of w-1 is already resolved' });
    }
    for (const from of ESCALATION_STAGES) {
      if (from === 'resolved') continue;
      for (const step of ESCALATION_STEPS.filter((s) => stageRank(s) < stageRank(from) || s === from)) {
        const already = step === from && (from === 'station' || from === 'grid') ? `has already had its ${step} step` : `is already at ${from}`;
        expect(decide(at(from), command(step), context), `${from} → ${step}`).toMatchObject({ ok: false, status: 409, error: `the escalation of w-1 ${already}; ${step} would not move it forward` });
      }
    }
  });

  it('sends the grid worker after the station, or the station after the grid worker, and neither twice (警格+网格)', () => {
    const afterStation = decide(at('station'), { step: 'grid', grid: '柯岩街道第2网格' }, context);
    expect(afterStation).toMatchObject({ ok: true, event: { step: 'grid', grid: '柯岩街道第2网格' } });
    expect(decide(at('grid'), { step: 'station', station: '华舍派出所' }, context)).toMatchObject({ ok: true, event: { step: 'station' } });
    const both = { ...at('grid'), station: '柯桥派出所', stationAtMs: NOW - 120_000 };
    expect(decide(both, { step: 'station' }, context)).toMatchObject({ ok: false, status: 409, error: 'the escalation of w-1 has already had its station step; station would not move it forward' });
    expect(decide(both, { step: 'grid' }, context)).toMatchObject({ ok: false, status: 409 });
    expect(decide(both, command('resolved'), context)).toMatchObject({ ok: true });
    expect(decide(at('grid'), command('comms'), context)).toMatchObject({ ok: false, status: 409, error: 'the escalation of w-1 is already at grid; comms would not move it forward' });
  });
});
