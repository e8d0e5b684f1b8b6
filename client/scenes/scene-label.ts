// How a wall names the scene it is in (issue 25), on its badge: 简报模式 · 至 15:30 · 张三 — so
// nobody mistakes a frozen or focused wall for the live one.
import type { PushedScene } from '../../shared/protocol/wall-scene';
import { PERIOD_LABELS } from '../briefing/period';

export function sceneLabel({ scene }: PushedScene, placeName: (adcode: string) => string): string {
  switch (scene.kind) {
    case 'live':
      return '实时';
    case 'briefing':
      return `简报模式（${PERIOD_LABELS[scene.period]}）`;
    case 'focus':
      return `聚焦 ${placeName(scene.adcode)}`;
    case 'escalation':
      return '预警聚焦';
    case 'message':
      return '通知';
    case 'freeze':
      return '画面冻结';
    case 'identify':
      return '屏幕识别';
    case 'reload':
      return '重新加载';
  }
}

/** The badge's one line. */
export function badgeText(scene: PushedScene, placeName: (adcode: string) => string): string {
  return `${sceneLabel(scene, placeName)} · 至 ${scene.untilClock} · ${scene.by}`;
}
