// Posts events one by one at a steady rate, as an upstream system at a given load would, and
// tells when each was acknowledged (the latency figures count from there).

export async function postAtRate<Body>(
  url: string,
  token: string,
  /** One request body each: an event, or a batch of them. */
  events: readonly Body[],
  perSecond: number,
  /** Each body as sent (e.g. stamped now), when it was sent and when its answer came. */
  {
    stamp = (event) => event,
    sent,
    acknowledged,
  }: { stamp?: (event: Body) => Body; sent?: (index: number, at: number) => void; acknowledged: (index: number, at: number) => void },
): Promise<void> {
  const started = performance.now();
  for (let i = 0; i < events.length; i++) {
    const due = started + (i * 1000) / perSecond;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    sent?.(i, performance.now());
    const response = await fetch(`${url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(stamp(events[i]!)),
    });
    await response.arrayBuffer();
    acknowledged(i, performance.now());
  }
}
