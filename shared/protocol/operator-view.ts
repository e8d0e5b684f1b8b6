// What the operator console receives (operator token only): the open escalations with the
// victim unmasked — operators need to call — and each one's history.
import type { StoredEvent } from '../schema/claim-event';
import type { ActiveEscalation } from './wall-state';

export interface OperatorEscalation extends Omit<ActiveEscalation, 'phone' | 'name' | 'holder'> {
  /** Full number; null until the warning itself has arrived. */
  phone: string | null;
  name?: string;
  warning?: { at: string; level: string; source: string; fraudType: string };
  /** The operator on it (issue 25): their username, and what the room calls them. */
  holder?: { username: string; name: string };
  /** What the room calls each account its history's claims name. */
  people: Record<string, string>;
  /** The warning, its calls, every escalation step and every claim, oldest first, as stored. */
  history: StoredEvent[];
}
