// The alarms' tables (issue 26) in either engine's placeholders: `placeholder(n)` is the n-th
// parameter, and each appears once, in order (SQLite's `?` are bound in the order they appear). Statements that take a list of ids differ between the engines and live with them.
export function alertStatements(placeholder: (n: number) => string) {
  const [a, b, c, d, e] = [1, 2, 3, 4, 5].map(placeholder);
  return {
    targets: 'SELECT name, body FROM alert_targets ORDER BY name',
    /** name, scope, body */
    addTarget: `INSERT INTO alert_targets (name, scope, body) VALUES (${a}, ${b}, ${c}) ON CONFLICT (name) DO NOTHING`,
    /** scope, body, name */
    replaceTarget: `UPDATE alert_targets SET scope = ${a}, body = ${b} WHERE name = ${c}`,
    /** name */
    removeTarget: `DELETE FROM alert_targets WHERE name = ${a}`,
    /** name: what a removed target leaves — its waiting messages, raised subjects and counts */
    removeTargetsRest: [
      `DELETE FROM alert_outbox WHERE target = ${a} AND sent_ms IS NULL`,
      `DELETE FROM alert_subjects WHERE target = ${a}`,
      `DELETE FROM alert_counts WHERE target = ${a}`,
    ],
    /**
     * target, subject, now, now − repeat: the subject is (re)raised unless it was within the
     * repeat — one row answers only when it was, so two nodes never queue the same alarm twice.
     */
    raiseSubject: `INSERT INTO alert_subjects (target, subject, raised_ms) VALUES (${a}, ${b}, ${c})
                   ON CONFLICT (target, subject) DO UPDATE SET raised_ms = excluded.raised_ms
                   WHERE alert_subjects.raised_ms <= ${d}
                   RETURNING raised_ms`,
    /** target, subject, body, now, now (due at once) */
    queue: `INSERT INTO alert_outbox (target, subject, body, created_ms, due_ms) VALUES (${a}, ${b}, ${c}, ${d}, ${e})`,
    /**
     * node, until, now: the sending is this node's if it already was, or if the last sender's
     * lease ran out — one row answers when it is.
     */
    takeSender: `INSERT INTO alert_sender (id, node, until_ms) VALUES (1, ${a}, ${b})
                 ON CONFLICT (id) DO UPDATE SET node = excluded.node, until_ms = excluded.until_ms
                 WHERE alert_sender.node = excluded.node OR alert_sender.until_ms < ${c}
                 RETURNING node`,
    /** node */
    releaseSender: `DELETE FROM alert_sender WHERE node = ${a}`,
    /** now, limit: what waits and is due, oldest first */
    due: `SELECT id, target, subject, body, created_ms AS "createdMs", attempts FROM alert_outbox
          WHERE sent_ms IS NULL AND due_ms <= ${a} ORDER BY id LIMIT ${b}`,
    /** since: the deliveries (a message, or a digest counted once) each target took since then */
    deliveriesSince: `SELECT target, COUNT(*) AS deliveries FROM alert_outbox WHERE sent_ms > ${a} AND via = id GROUP BY target`,
    /** target, now */
    countSent: `INSERT INTO alert_counts (target, sent, failed, last_sent_ms) VALUES (${a}, 1, 0, ${b})
                ON CONFLICT (target) DO UPDATE SET sent = alert_counts.sent + 1, last_sent_ms = excluded.last_sent_ms, last_error = NULL`,
    /** target, error */
    countFailed: `INSERT INTO alert_counts (target, sent, failed, last_error) VALUES (${a}, 0, 1, ${b})
                  ON CONFLICT (target) DO UPDATE SET failed = alert_counts.failed + 1, last_error = excluded.last_error`,
    pendingByTarget: `SELECT target, COUNT(*) AS pending, MIN(created_ms) AS "oldestMs", MAX(attempts) AS attempts
                      FROM alert_outbox WHERE sent_ms IS NULL GROUP BY target`,
    counts: 'SELECT target, sent, failed, last_sent_ms AS "lastSentMs", last_error AS "lastError" FROM alert_counts',
    /** before, limit: delivered messages kept a week, raised subjects a day (the callers' cutoffs) */
    sweepSent: `DELETE FROM alert_outbox WHERE id IN (SELECT id FROM alert_outbox WHERE sent_ms < ${a} ORDER BY sent_ms LIMIT ${b})`,
    sweepSubjects: `DELETE FROM alert_subjects WHERE raised_ms < ${a}`,
  };
}
