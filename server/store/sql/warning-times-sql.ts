// A day's warnings and when each happened, by the events_by_day index: the live state's
// yesterday up to this time of day, like for like with today so far. Valid in both engines.

export const WARNING_TIMES_SQL = (day: string) => `SELECT county, at_ms FROM events WHERE day = ${day} AND type = 'warning'`;
