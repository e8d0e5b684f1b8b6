// What the operator console receives (operator token only): the open escalations with the
// victim unmasked — operators need to call — and each one's history.
import type { FraudEvent } from '../schema/events';
import type { ActiveEscalation } from './wall-state';

export interface OperatorEscalation extends Omit<ActiveEscalation, 'phone' | 'name'> {
  /** Full number; null until the warning itself has arrived. */
  phone: string | null;
  name?: string;
  warning?: { at: string; level: string; source: string; fraudType: string };
  /** The warning, its calls and every escalation step, oldest first, as stored. */
  history: FraudEvent[];
}
