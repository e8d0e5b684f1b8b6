// The form in which an event may reach a wall: victims masked, operators' free text left out
// (a note may quote a phone number; it is for the console, not the room), and numbers typed
// into a station's or a grid's name masked.
import type { EscalationEvent, FraudEvent, WarningEvent } from '../schema/events';
import { maskDigitRuns, maskName, maskPhone } from './mask';

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
      const { note: _note, by: _by, station, grid, ...shown } = event;
      return {
        ...shown,
        ...(station === undefined ? {} : { station: maskDigitRuns(station) }),
        ...(grid === undefined ? {} : { grid: maskDigitRuns(grid) }),
      };
    }
    default:
      return event;
  }
}
