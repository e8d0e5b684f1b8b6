// The walls' scenes and playlists (issue 25) in either engine's placeholders: `placeholder(n)` is
// the n-th parameter, in the order they appear.
export function wallControlStatements(placeholder: (n: number) => string) {
  const [a, b, c] = [1, 2, 3].map(placeholder);
  return {
    /** now: scenes not yet over */
    scenes: `SELECT scope AS key, body FROM wall_scenes WHERE until_ms > ${a}`,
    playlists: 'SELECT body FROM wall_playlists ORDER BY scope',
    /** now: what is over goes, so the table holds at most a few rows per scope */
    sweep: `DELETE FROM wall_scenes WHERE until_ms <= ${a}`,
    /** key, body, until_ms */
    putScene: `INSERT INTO wall_scenes (scope, body, until_ms) VALUES (${a}, ${b}, ${c})
               ON CONFLICT (scope) DO UPDATE SET body = excluded.body, until_ms = excluded.until_ms`,
    /** key */
    removeScene: `DELETE FROM wall_scenes WHERE scope = ${a}`,
    /** scope, body */
    putPlaylist: `INSERT INTO wall_playlists (scope, body) VALUES (${a}, ${b}) ON CONFLICT (scope) DO UPDATE SET body = excluded.body`,
    /** scope */
    removePlaylist: `DELETE FROM wall_playlists WHERE scope = ${a}`,
  };
}
