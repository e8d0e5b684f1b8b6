// The feeds' tables (issue 26) in either engine's placeholders, each appearing once, in order.
export function feedStatements(placeholder: (n: number) => string) {
  const [a, b, c, d] = [1, 2, 3, 4].map(placeholder);
  return {
    /** source */
    last: `SELECT last_ms AS "lastMs" FROM feeds WHERE source = ${a}`,
    /** source, at: the later of what was and this */
    arrive: `INSERT INTO feeds (source, last_ms) VALUES (${a}, ${b})
             ON CONFLICT (source) DO UPDATE SET last_ms = excluded.last_ms WHERE feeds.last_ms < excluded.last_ms`,
    /** source, week, hour, gap: kept if the longest there */
    noteGap: `INSERT INTO feed_gaps (source, week, hour, longest_ms) VALUES (${a}, ${b}, ${c}, ${d})
              ON CONFLICT (source, week, hour) DO UPDATE SET longest_ms = excluded.longest_ms WHERE feed_gaps.longest_ms < excluded.longest_ms`,
    /** before week: what is no longer compared goes */
    sweep: `DELETE FROM feed_gaps WHERE week < ${a}`,
    feeds: 'SELECT source, last_ms AS "lastMs" FROM feeds ORDER BY source',
    /** from week */
    gaps: `SELECT source, week, hour, longest_ms AS "longestMs" FROM feed_gaps WHERE week >= ${a}`,
  };
}
