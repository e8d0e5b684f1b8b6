// What a wall shows now (issue 25): a scene the room pushed, while its time lasts; otherwise its
// scope's playlist from the server; otherwise the kiosk's own `?rotate=`; otherwise the live wall.
// Every time here is real — a scene pushed for 20 minutes lasts 20 minutes whatever a demo's
// clock says — and the rotation's place follows the clock, not a chain of timers.
import type { BriefingPeriod, PlaylistEntry, PushedScene, WallDirection } from '../../shared/protocol/wall-scene';
import type { RotationStep } from '../layout/rotation';

/** The view a wall's stage shows; overlays (a message, an escalation, a freeze) lie on the live one. */
export type Shown = { view: 'live' } | { view: 'briefing'; period?: BriefingPeriod } | { view: 'focus'; adcode: string };

const TICK_MS = 1_000;

export class WallSchedule {
  direction = $state.raw<WallDirection>({});
  realNow = $state(Date.now());
  /** When the rotation in force began: its place is counted from here. */
  #rotationSince = Date.now();
  #playlistText = '';
  readonly #timer: ReturnType<typeof setInterval>;

  constructor(private readonly urlRotation: readonly RotationStep[] | undefined) {
    this.#timer = setInterval(() => (this.realNow = Date.now()), TICK_MS);
  }

  /** A new direction from the server; a changed playlist starts from its beginning. */
  follow(direction: WallDirection): void {
    const text = JSON.stringify(direction.playlist ?? null);
    if (text !== this.#playlistText) {
      this.#playlistText = text;
      this.#rotationSince = Date.now();
    }
    this.direction = direction;
    this.realNow = Date.now();
  }

  /** The scene the room put this wall in, while it lasts. */
  get scene(): PushedScene | undefined {
    return live(this.direction.scene, this.realNow);
  }

  /** The latest identify or reload, while it is fresh. */
  get momentary(): PushedScene | undefined {
    return live(this.direction.momentary, this.realNow);
  }

  /** Whether the wall runs to a schedule or a scene: then the screen is a kiosk's and shows no buttons. */
  get directed(): boolean {
    return this.scene !== undefined || this.direction.playlist !== undefined || this.urlRotation !== undefined;
  }

  get shown(): Shown {
    const scene = this.scene?.scene;
    if (scene) {
      if (scene.kind === 'briefing') return { view: 'briefing', period: scene.period };
      if (scene.kind === 'focus') return { view: 'focus', adcode: scene.adcode };
      return { view: 'live' };
    }
    const playlist = this.direction.playlist;
    if (playlist) {
      const entry = placeIn(playlist, this.realNow - this.#rotationSince);
      if (entry.scene.kind === 'briefing') return { view: 'briefing', period: entry.scene.period };
      if (entry.scene.kind === 'focus') return { view: 'focus', adcode: entry.scene.adcode };
      return { view: 'live' };
    }
    if (this.urlRotation) {
      const step = placeIn(this.urlRotation, this.realNow - this.#rotationSince);
      return { view: step.view };
    }
    return { view: 'live' };
  }

  /** Whether any rotation could ask for the briefing: the page then keeps one ready. */
  get mayBrief(): boolean {
    return (
      this.scene?.scene.kind === 'briefing' ||
      (this.direction.playlist ?? []).some((entry) => entry.scene.kind === 'briefing') ||
      (this.urlRotation ?? []).some((step) => step.view === 'briefing')
    );
  }

  close(): void {
    clearInterval(this.#timer);
  }
}

function live(scene: PushedScene | undefined, now: number): PushedScene | undefined {
  return scene && Date.parse(scene.until) > now ? scene : undefined;
}

/** The entry a rotation is at `elapsedMs` after it began, going round. */
function placeIn<T extends PlaylistEntry | RotationStep>(entries: readonly T[], elapsedMs: number): T {
  const cycle = entries.reduce((sum, entry) => sum + entry.seconds * 1_000, 0);
  let at = elapsedMs % cycle;
  for (const entry of entries) {
    if (at < entry.seconds * 1_000) return entry;
    at -= entry.seconds * 1_000;
  }
  return entries[0]!;
}
