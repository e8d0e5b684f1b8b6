// What a rule finds: an alarm about a place, before it is addressed to the targets that asked
// for its rule in that place's scopes (alert-directory.ts).
import type { AlertRule } from '../../shared/protocol/alert-target';
import type { AlertMessage } from './alert-message';

export interface Alarm {
  readonly rule: AlertRule;
  /** The county, city or region it is about: the targets of it and of every scope above it hear. */
  readonly place: string;
  /** What it is about, the same each time it is raised, so a repeat is recognised. */
  readonly subject: string;
  readonly message: AlertMessage;
}
