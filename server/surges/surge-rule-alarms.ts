// The surge alarm (issue 26): a wave standing in a county or city goes to the targets of that
// place and every scope above it that ask for `surge` — once per wave (its subject names when it
// began), repeated while it stands, with the rule's own explanation so the duty chief can judge it.
import { FRAUD_TYPE_LABELS } from '../../shared/vocabulary';
import { formatBaseline } from '../../shared/format/baseline';
import type { Alarm } from '../alerts/alarm';
import type { StandingSurge } from './surges-api';

export function surgeAlarms(surges: readonly StandingSurge[], placeName: (adcode: string) => string, clockOf: (ms: number) => string, wallUrl: ((scope: string) => string) | undefined): Alarm[] {
  return surges.map((surge) => ({
    rule: 'surge',
    place: surge.scope,
    subject: `surge:${surge.scope}:${surge.fraudType}:${surge.sinceMs}`,
    message: {
      rule: 'surge',
      title: `【反诈预警】诈骗波次 · ${placeName(surge.scope)} · ${FRAUD_TYPE_LABELS[surge.fraudType]}`,
      lines: [
        `近1小时 ${surge.count} 起，常态 ${formatBaseline(surge.baseline)} 起（前 8 周同一时段的中位数）`,
        `自 ${clockOf(surge.sinceMs)} 起持续，请研判是否为团伙集中作案`,
      ],
      ...(wallUrl ? { link: wallUrl(surge.scope) } : {}),
    },
  }));
}
