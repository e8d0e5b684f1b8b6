// One line of the ticker per event, in the room's words. Events arrive masked.
import type { MaskedEvent } from '../../shared/format/mask-event';
import { formatCount } from '../../shared/format/count';
import { formatMoney } from '../../shared/format/money';
import {
  CASE_KINDS,
  ESCALATION_OUTCOME_LABELS,
  ESCALATION_STAGE_LABELS,
  FRAUD_TYPE_LABELS,
  OUTREACH_FORMAT_LABELS,
  OUTREACH_UNIT_LABELS,
  RISK_LEVEL_LABELS,
} from '../../shared/vocabulary';

const CONTACT_LABELS = { dissuaded: '劝阻成功', not_deceived: '核实未受骗', unreachable: '电话打不通 · 升级高危' } as const;
const INTERCEPTION_LABELS = { stop_payment: '紧急止付', recovery: '追赃挽损' } as const;
const CASE_LABELS: Record<(typeof CASE_KINDS)[number], string> = { filed: '立案', solved: '破案', arrest: '抓获嫌疑人' };

export type Tone = 'high' | 'medium' | 'low' | 'good' | 'info';

export interface TickerLine {
  readonly id: string;
  readonly tone: Tone;
  readonly text: string;
}

/** Who a face-to-face step sent: the grid for the grid worker's, else the station named. */
function atTheDoor(event: { step: string; station?: string; grid?: string }): string | undefined {
  return event.step === 'grid' ? event.grid : event.station;
}

export function describeEvent(event: MaskedEvent, countyName: (adcode: string) => string): TickerLine {
  const where = countyName(event.county);
  switch (event.type) {
    case 'warning': {
      const victim = [event.victim.name, event.victim.phone].filter(Boolean).join(' ');
      return {
        id: event.id,
        tone: event.level,
        text: `${where} ${RISK_LEVEL_LABELS[event.level]}预警 · ${FRAUD_TYPE_LABELS[event.fraudType]} · ${victim}`,
      };
    }
    case 'contact':
      return {
        id: event.id,
        tone: event.result === 'unreachable' ? 'high' : event.result === 'dissuaded' ? 'good' : 'info',
        text: `${where} ${CONTACT_LABELS[event.result]}`,
      };
    case 'escalation':
      return {
        id: event.id,
        tone: event.step === 'resolved' ? (event.outcome === 'loss' ? 'high' : 'good') : 'medium',
        text:
          event.step === 'resolved'
            ? `${where} 高危处置完毕 · ${ESCALATION_OUTCOME_LABELS[event.outcome ?? 'dissuaded']}`
            : `${where} 高危处置 · ${ESCALATION_STAGE_LABELS[event.step]}${atTheDoor(event) ? ` · ${atTheDoor(event)}` : ''}`,
      };
    case 'interception':
      return { id: event.id, tone: 'good', text: `${where} ${INTERCEPTION_LABELS[event.kind]} ${formatMoney(event.amountFen)}` };
    case 'case':
      return { id: event.id, tone: 'info', text: `${where} ${CASE_LABELS[event.kind]} ${event.count ?? 1}${event.kind === 'arrest' ? '人' : '起'}` };
    case 'outreach': {
      const who = event.station ?? OUTREACH_UNIT_LABELS[event.unit];
      return { id: event.id, tone: 'good', text: `${where} ${who}${OUTREACH_FORMAT_LABELS[event.format]} ${event.sessions ?? 1}场 · ${formatCount(event.people)}人次` };
    }
  }
}
