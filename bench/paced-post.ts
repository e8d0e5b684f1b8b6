// Posts events one by one at a steady rate, as an upstream system at a given load would, and
// tells when each was acknowledged (the latency figures count from there).

export async function postAtRate(
  url: string,
  token: string,
  events: readonly Record<string, unknown>[],
  perSecond: number,
  /** Each event as sent (e.g. stamped now) and when its answer came. */
  { stamp = (event) => event, acknowledged }: { stamp?: (event: Record<string, unknown>) => Record<string, unknown>; acknowledged: (index: number, at: number) => void },
): Promise<void> {
  const started = performance.now();
  for (let i = 0; i < events.length; i++) {
    const due = started + (i * 1000) / perSecond;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    const response = await fetch(`${url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(stamp(events[i]!)),
    });
    await response.arrayBuffer();
    acknowledged(i, performance.now());
  }
}
