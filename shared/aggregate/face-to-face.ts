// An escalation's face-to-face steps (警格+网格): when the station and the grid worker were sent,
// as the wall and the console carry them, and back into the position the step rules read.
import type { StepPosition } from '../schema/step-rules';
import type { EscalationStage } from '../vocabulary';
import type { EscalationRecord } from './records';

export interface FaceToFaceTimes {
  stationAt?: string;
  gridAt?: string;
}

export function faceToFaceTimes(escalation: EscalationRecord, iso: (ms: number) => string): FaceToFaceTimes {
  return {
    ...(escalation.stationAtMs === undefined ? {} : { stationAt: iso(escalation.stationAtMs) }),
    ...(escalation.gridAtMs === undefined ? {} : { gridAt: iso(escalation.gridAtMs) }),
  };
}

/** Where a card's escalation stands, for the step rules (the times only matter as present or not). */
export function positionOf(card: { step: EscalationStage } & FaceToFaceTimes): StepPosition {
  return {
    stage: card.step,
    ...(card.stationAt === undefined ? {} : { stationAtMs: Date.parse(card.stationAt) }),
    ...(card.gridAt === undefined ? {} : { gridAtMs: Date.parse(card.gridAt) }),
  };
}
