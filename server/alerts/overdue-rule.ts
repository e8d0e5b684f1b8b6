// The overdue rule (issue 26): an escalation past the red threshold that nobody has claimed or
// moved on is an alarm for its county and every scope above it — at once, then again every
// repeat while it stays so (the outbox keeps the repeat, alerts-api.ts). What leaves the room is
// what the wall shows: the victim masked (138****1234, 刘*), the wall's id of the warning.
import type { ActiveEscalation } from '../../shared/protocol/wall-state';
import { FRAUD_TYPE_LABELS } from '../../shared/vocabulary';
import type { AlertMessage } from './alert-message';
import type { Alarm } from './alarm';

export interface OverdueContext {
  /** 绍兴市柯桥区, for a county's adcode. */
  readonly placeName: (county: string) => string;
  /** HH:mm on the center's clock. */
  readonly clockOf: (ms: number) => string;
  /** The console, where the card is claimed (FRAUDWALL_PUBLIC_URL), if the server knows its address. */
  readonly consoleUrl?: string;
  readonly nowMs: number;
}

export function overdueAlarms(unattended: readonly (ActiveEscalation & { readonly openedAtMs: number })[], context: OverdueContext): Alarm[] {
  return unattended.map((card) => ({
    rule: 'overdue',
    place: card.county,
    subject: `overdue:${card.warningId}`,
    message: overdueMessage(card, context),
  }));
}

function overdueMessage(card: ActiveEscalation & { readonly openedAtMs: number }, { placeName, clockOf, consoleUrl, nowMs }: OverdueContext): AlertMessage {
  const minutes = Math.max(0, Math.floor((nowMs - card.openedAtMs) / 60_000));
  const victim = card.phone === null ? '受害人信息未到' : `受害人 ${card.phone}${card.name ? ` ${card.name}` : ''}`;
  return {
    rule: 'overdue',
    title: `【反诈预警】超时未认领 · ${placeName(card.county)}`,
    lines: [
      `预警 ${card.warningId}${card.fraudType ? `（${FRAUD_TYPE_LABELS[card.fraudType]}）` : ''} · ${victim}`,
      `${clockOf(card.openedAtMs)} 打不通升级，已 ${minutes} 分钟无人认领、无进展`,
    ],
    ...(consoleUrl ? { link: `${consoleUrl}?escalation=${encodeURIComponent(card.warningId)}` } : {}),
  };
}
