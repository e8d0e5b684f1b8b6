// The walls' scenes and playlists in SQLite; each change is told to the thread serving the walls
// before the answer leaves, like a committed batch.
import type { Database } from 'better-sqlite3';
import { CONTROL_CHANGE } from '../../aggregate/live-change';
import type { WallControlTable } from '../../walls/wall-control-api';
import { wallControlStatements } from '../sql/wall-control-sql';
import type { Tell } from '../store';

export class SqliteWallControl implements WallControlTable {
  readonly #scenes;
  readonly #playlists;
  readonly #sweep;
  readonly #putScene;
  readonly #removeScene;
  readonly #putPlaylist;
  readonly #removePlaylist;

  constructor(
    db: Database,
    private readonly tell: Tell,
  ) {
    const sql = wallControlStatements(() => '?');
    this.#scenes = db.prepare<[number], { key: string; body: string }>(sql.scenes);
    this.#playlists = db.prepare<[], { body: string }>(sql.playlists);
    this.#sweep = db.prepare<[number]>(sql.sweep);
    this.#putScene = db.prepare<[string, string, number]>(sql.putScene);
    this.#removeScene = db.prepare<[string]>(sql.removeScene);
    this.#putPlaylist = db.prepare<[string, string]>(sql.putPlaylist);
    this.#removePlaylist = db.prepare<[string]>(sql.removePlaylist);
  }

  rows(nowMs: number) {
    return { scenes: this.#scenes.all(nowMs), playlists: this.#playlists.all() };
  }

  putScene(key: string, body: string, untilMs: number, nowMs: number): void {
    this.#sweep.run(nowMs);
    this.#putScene.run(key, body, untilMs);
    this.tell({ kind: 'change', change: CONTROL_CHANGE });
  }

  removeScene(key: string, nowMs: number): void {
    this.#sweep.run(nowMs);
    this.#removeScene.run(key);
    this.tell({ kind: 'change', change: CONTROL_CHANGE });
  }

  putPlaylist(scope: string, body: string): void {
    this.#putPlaylist.run(scope, body);
    this.tell({ kind: 'change', change: CONTROL_CHANGE });
  }

  removePlaylist(scope: string): void {
    this.#removePlaylist.run(scope);
    this.tell({ kind: 'change', change: CONTROL_CHANGE });
  }
}
