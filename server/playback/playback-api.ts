// What a playback asks of the store: the live state's basis as it stood at a moment, built on
// the store's reading thread (two days of events replayed), never on the one serving the walls.
import type { LiveBasis } from '../aggregate/live-basis';

export interface PlaybackApi {
  playbackBasis(atMs: number): Promise<LiveBasis>;
}
