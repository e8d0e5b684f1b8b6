// The form in which an event may reach a wall: victims masked, operators' free text left out
// (a note may quote a phone number; it is for the console, not the room).
import type { EscalationEvent, FraudEvent, WarningEvent } from '../schema/events';
import { maskName, maskPhone } from './mask';

type MaskedWarning = Omit<WarningEvent, 'victim'> & { victim: { phone: string; name?: string } };
type MaskedEscalation = Omit<EscalationEvent, 'note' | 'by'>;
export type MaskedEvent = MaskedWarning | MaskedEscalation | Exclude<FraudEvent, WarningEvent | EscalationEvent>;

export function maskEvent(event: FraudEvent): MaskedEvent {
  switch (event.type) {
    case 'warning': {
      const { phone, name } = event.victim;
      return { ...event, victim: { phone: maskPhone(phone), ...(name === undefined ? {} : { name: maskName(name) }) } };
    }
    case 'escalation': {
      const { note: _note, by: _by, ...shown } = event;
      return shown;
    }
    default:
      return event;
  }
}
