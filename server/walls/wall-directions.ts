// Each node's copy of what the room told its walls (issue 25): the scene each scope is in, its
// latest identify or reload, and its playlist — read from the store at start and again whenever
// any node changes them (the change feed), so every node's walls follow within the feed's
// second. A scene ends by itself when its time is up: one timer, for the earliest end, in real
// time whatever a demo's clock says. A few rows per scope at most, so answering a wall is cheap.
import type { PushedScene, WallDirection, Playlist } from '../../shared/protocol/wall-scene';
import type { StoredWallControl, WallControlApi } from './wall-control-api';

/** A wall as the directions see it: the scope it was let watch, and the device account it runs as. */
export interface DirectedWall {
  readonly scope: string;
  readonly account?: string;
}

export class WallDirections {
  #scenes = new Map<string, PushedScene>();
  #momentary = new Map<string, PushedScene>();
  #playlists = new Map<string, Playlist>();
  #loading: Promise<void> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  /** Changes told before the server starts are read by the start itself. */
  #started = false;
  #closed = false;

  constructor(
    private readonly store: WallControlApi,
    /** The walls must be told again: something changed, or a scene's time is up. */
    private readonly onChange: () => void,
    /** Device accounts by name: what identify shows. */
    private readonly nameOf: (username: string) => string,
    private readonly realNow: () => number = Date.now,
  ) {}

  /** The first read, once the server is listening: from then on every change is followed. */
  start(): Promise<void> {
    this.#started = true;
    return this.reload();
  }

  /** Reads the store again; a call while a read runs makes one more read after it, not one each. */
  reload(): Promise<void> {
    if (!this.#started || this.#closed) return Promise.resolve();
    if (this.#loading) {
      this.#again = true;
      return this.#loading;
    }
    this.#loading = (async () => {
      do {
        this.#again = false;
        this.#take(await this.store.wallControl(this.realNow()));
      } while (this.#again);
    })().finally(() => (this.#loading = undefined));
    return this.#loading;
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
  }

  /** What `wall` should show now. */
  directionOf(wall: DirectedWall): WallDirection {
    const now = this.realNow();
    const scene = this.#for(this.#scenes.get(wall.scope), wall, now);
    const momentary = this.#for(this.#momentary.get(wall.scope), wall, now);
    const playlist = this.#playlists.get(wall.scope);
    return {
      ...(scene ? { scene } : {}),
      ...(momentary ? { momentary } : {}),
      ...(playlist ? { playlist: playlist.entries } : {}),
      ...(wall.account === undefined ? {} : { device: { username: wall.account, name: this.nameOf(wall.account) } }),
    };
  }

  /** The scenes in force and the playlists of the scopes `shown` accepts: the console's control tab. */
  inForce(shown: (scope: string) => boolean): { scenes: PushedScene[]; playlists: Playlist[] } {
    const now = this.realNow();
    const live = (scene: PushedScene) => shown(scene.scope) && Date.parse(scene.until) > now;
    return {
      scenes: [...this.#scenes.values(), ...this.#momentary.values()].filter(live),
      playlists: [...this.#playlists.values()].filter((playlist) => shown(playlist.scope)),
    };
  }

  #for(scene: PushedScene | undefined, wall: DirectedWall, now: number): PushedScene | undefined {
    if (!scene || Date.parse(scene.until) <= now) return undefined;
    if (scene.devices && (wall.account === undefined || !scene.devices.includes(wall.account))) return undefined;
    return scene;
  }

  #take(control: StoredWallControl): void {
    this.#scenes = new Map(control.scenes.filter(({ slot }) => slot === 'lasting').map(({ scene }) => [scene.scope, scene]));
    this.#momentary = new Map(control.scenes.filter(({ slot }) => slot === 'momentary').map(({ scene }) => [scene.scope, scene]));
    this.#playlists = new Map(control.playlists.map((playlist) => [playlist.scope, playlist]));
    this.#scheduleEnd();
    this.onChange();
  }

  /** Wakes when the next scene's time is up, so its walls go back to their own schedule. */
  #scheduleEnd(): void {
    clearTimeout(this.#timer);
    if (this.#closed) return;
    const now = this.realNow();
    const ends = [...this.#scenes.values(), ...this.#momentary.values()].map((scene) => Date.parse(scene.until)).filter((until) => until > now);
    if (ends.length === 0) return;
    // A timer fires a little late, never early: the scene is over by then.
    this.#timer = setTimeout(() => {
      this.#scheduleEnd();
      this.onChange();
    }, Math.min(...ends) - now + 5);
    this.#timer.unref();
  }
}

