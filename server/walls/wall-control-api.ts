// What the walls' directions ask of the store (issue 25): the scenes and playlists in force, kept
// in both engines so that a wall that reconnects, reloads or fails over to another node comes
// back in its scene. Every change reaches every node's walls through the change feed.
import type { Playlist, PushedScene } from '../../shared/protocol/wall-scene';

/** A scope holds one lasting scene (briefing, focus, …) and, beside it, its latest identify or reload. */
export type SceneSlot = 'lasting' | 'momentary';

export interface StoredWallControl {
  readonly scenes: readonly { readonly slot: SceneSlot; readonly scene: PushedScene }[];
  readonly playlists: readonly Playlist[];
}

export interface WallControlApi {
  /** Every scene not yet over at `nowMs` (real time) and every playlist. */
  wallControl(nowMs: number): Promise<StoredWallControl>;
  /** Puts `scene` in its scope's slot; null ends the lasting one. Over scenes are swept out as it writes. */
  setScene(scope: string, slot: SceneSlot, scene: PushedScene | null, nowMs: number): Promise<void>;
  /** A scope's playlist; null: none. */
  setPlaylist(scope: string, playlist: Playlist | null): Promise<void>;
}

/** How the tables key a scope's slot. */
export const sceneKey = (scope: string, slot: SceneSlot) => (slot === 'lasting' ? scope : `${scope}:${slot}`);
export const slotOfKey = (key: string): SceneSlot => (key.includes(':') ? 'momentary' : 'lasting');

/** Each engine's tables, written once per engine; the change that tells every node is theirs to write. */
export interface WallControlTable {
  rows(nowMs: number): Awaitable<{ scenes: { key: string; body: string }[]; playlists: { body: string }[] }>;
  putScene(key: string, body: string, untilMs: number, nowMs: number): Awaitable<void>;
  removeScene(key: string, nowMs: number): Awaitable<void>;
  putPlaylist(scope: string, body: string): Awaitable<void>;
  removePlaylist(scope: string): Awaitable<void>;
}

type Awaitable<T> = T | Promise<T>;
