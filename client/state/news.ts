// What counts as happening now. An alert, a card's flash and a map ripple are for what has just
// happened — not for the past an upstream system catches up on, or the demo fills in behind
// the wall, even when it reaches the wall in the same delta as the present.
export const NEWS_WINDOW_MS = 10 * 60_000;

/** Whether something that happened at `at` (RFC 3339) is news at the server time `serverNow`. */
export function isNews(at: string, serverNow: number): boolean {
  return serverNow - Date.parse(at) <= NEWS_WINDOW_MS;
}
