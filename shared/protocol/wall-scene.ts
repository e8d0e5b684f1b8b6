// What the room tells its walls to show (issue 25): a scene pushed to a scope's walls for some
// minutes, and the playlist a scope's walls follow otherwise. Plain types for the wall's bundle;
// the server checks every request against server/walls/scene-request.ts.
import type { ActiveEscalation } from './wall-state';

export const SCENE_KINDS = ['live', 'briefing', 'focus', 'escalation', 'message', 'freeze', 'identify', 'reload'] as const;
export type SceneKind = (typeof SCENE_KINDS)[number];

/** What identify and reload are: a moment's command, not a state to stay in. */
export const MOMENTARY_KINDS: readonly SceneKind[] = ['identify', 'reload'];
/** The kinds a playlist may rotate through. */
export const PLAYLIST_KINDS = ['live', 'briefing', 'focus'] as const;

export const BRIEFING_PERIODS = ['today', 'week', 'month', 'year'] as const;
export type BriefingPeriod = (typeof BRIEFING_PERIODS)[number];

export type Scene =
  | { kind: 'live' }
  | { kind: 'briefing'; period: BriefingPeriod }
  /** That city's or county's wall, inside the wall's own scope. */
  | { kind: 'focus'; adcode: string }
  | { kind: 'escalation'; warningId: string }
  | { kind: 'message'; text: string }
  | { kind: 'freeze' }
  | { kind: 'identify' }
  | { kind: 'reload' };

export type PlaylistScene = Extract<Scene, { kind: (typeof PLAYLIST_KINDS)[number] }>;

/** How long a pushed scene lasts unless ended, and at most (real minutes). */
export const DEFAULT_SCENE_MINUTES = 30;
export const MAX_SCENE_MINUTES = 240;
/** How long a wall shows its name and scope when asked to identify itself (real seconds). */
export const IDENTIFY_SECONDS = 10;

/** A scene as the walls receive it. Times are real (RFC 3339), whatever a demo's clock says. */
export interface PushedScene {
  /** Tells one push from another: a wall reloads once per reload command. */
  id: string;
  scope: string;
  /** Only these device accounts' walls; absent: every wall of the scope. */
  devices?: string[];
  scene: Scene;
  setAt: string;
  until: string;
  /** `until` on the center's clock (FRAUDWALL_TZ), as the badge says it: 15:30. */
  untilClock: string;
  /** The display name of who pushed it: the badge says so. */
  by: string;
  /** An escalation scene's card as it was pushed (masked); the wall's live list supersedes it. */
  card?: ActiveEscalation;
}

export interface PlaylistEntry {
  scene: PlaylistScene;
  seconds: number;
}

export interface Playlist {
  scope: string;
  entries: PlaylistEntry[];
  by: string;
  setAt: string;
}

/** What the server tells one wall (the socket's `direction`): sent on connect and on every change. */
export interface WallDirection {
  /** The scene it is in, until its time is up. */
  scene?: PushedScene;
  /** The latest identify or reload for it, while it is fresh. */
  momentary?: PushedScene;
  playlist?: PlaylistEntry[];
  /** The device account it runs as, by name: what identify shows. */
  device?: { username: string; name: string };
}

/** GET /api/v1/walls/control?scope=: the scenes and playlists in force inside a scope. */
export interface WallControlView {
  scenes: PushedScene[];
  playlists: Playlist[];
}
