// What a playback reads from the store beyond the statistics' reads: the escalations that were
// open at a moment (their warnings' ids), bounded, through the indexes of open escalations and of
// resolved ones by when they were reported back.
/** Escalations a moment's state lists at most: more open at once is beyond any day seen. */
export const PLAYBACK_OPEN_LIMIT = 2_000;

export interface PlaybackSource {
  /** Warnings whose escalation (any of them) was opened at or before `atMs` and not resolved by then. */
  escalationsSpanning(atMs: number, limit: number): string[] | Promise<string[]>;
}

/** Either engine's statement: `at` and `limit` are its placeholders. */
export function escalationsSpanningSql(at: string, limit: string): string {
  return `SELECT warning_id FROM escalations WHERE stage <> 'resolved' AND opened_ms <= ${at}
    UNION SELECT warning_id FROM escalations WHERE stage = 'resolved' AND stage_ms > ${at} AND opened_ms <= ${at}
    LIMIT ${limit}`;
}
