// How late an open escalation is against the center's SLA: the same colours on wall and console.
import type { WallSettings } from '../../shared/protocol/wall-state';

export type SlaAge = 'normal' | 'amber' | 'red';

export function slaAge(openedAt: string, now: number, sla: WallSettings['sla']): SlaAge {
  const minutes = (now - Date.parse(openedAt)) / 60_000;
  return minutes >= sla.redMinutes ? 'red' : minutes >= sla.amberMinutes ? 'amber' : 'normal';
}
