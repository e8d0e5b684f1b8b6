// When the console must read its open list again: when the open escalations the wall's state
// carries change, and only then. `wall.state` is replaced whole by every delta, so an effect
// that reads through it would run on every delta; the deriveds below pass a change on only
// when their own value differs — a merge patch that does not touch the list keeps the array's
// identity, and the server patches it only when an escalation opened, moved or closed.
import type { WallState } from '../../shared/protocol/wall-state';

/** Calls `reload` now and whenever the open escalations change; lives as long as the effect scope it is called in. */
export function watchOpenEscalations(state: () => WallState | undefined, reload: () => void): void {
  const listed = $derived(state()?.activeEscalations);
  const unlisted = $derived(state()?.activeEscalationsUnlisted);
  // A claim on an escalation beyond the listed ones changes only this count.
  const unclaimed = $derived(state()?.unclaimed.count);
  $effect(() => {
    void listed;
    void unlisted;
    void unclaimed;
    reload();
  });
}
