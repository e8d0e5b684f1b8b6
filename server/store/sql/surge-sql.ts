// The surges' reads and the day's episodes (issue 26) in either engine's placeholders, each
// appearing once, in order.
export function surgeStatements(placeholder: (n: number) => string) {
  const [a, b, c, d, e, f, g] = [1, 2, 3, 4, 5, 6, 7].map(placeholder);
  return {
    /** day, from, to: one range of a day's buckets, summed per county and type */
    typeVolume: `SELECT county, fraud_type AS "fraudType", sum(value) AS count FROM type_volume
                 WHERE day = ${a} AND bucket BETWEEN ${b} AND ${c} GROUP BY county, fraud_type`,
    /** day, scope, type, since, count, baseline, now: a standing surge keeps its start; its peak is its largest count */
    record: `INSERT INTO surge_episodes (day, scope, fraud_type, since_ms, peak, baseline, last_ms) VALUES (${a}, ${b}, ${c}, ${d}, ${e}, ${f}, ${g})
             ON CONFLICT (day, scope, fraud_type) DO UPDATE SET
               since_ms = CASE WHEN excluded.since_ms < surge_episodes.since_ms THEN excluded.since_ms ELSE surge_episodes.since_ms END,
               baseline = CASE WHEN excluded.peak > surge_episodes.peak THEN excluded.baseline ELSE surge_episodes.baseline END,
               peak = CASE WHEN excluded.peak > surge_episodes.peak THEN excluded.peak ELSE surge_episodes.peak END,
               last_ms = excluded.last_ms`,
    /** day */
    ofDay: `SELECT scope, fraud_type AS "fraudType", since_ms AS "sinceMs", peak, baseline, last_ms AS "lastMs"
            FROM surge_episodes WHERE day = ${a} ORDER BY since_ms, scope, fraud_type`,
  };
}
