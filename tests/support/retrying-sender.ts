// An upstream platform under load, as the issue describes it: a steady rate of warnings in small
// batches, each batch sent again — unchanged, so ids make it idempotent — after any error or
// non-200 answer until one node acknowledges it. What was acknowledged must be stored.
import { warning } from '../fixtures/events';
import { INGEST_TOKEN } from './test-server';

export interface RetryingSender {
  /** The ids of every event some node answered 200 for. */
  readonly acknowledged: Set<string>;
  /** How often each status (0: no answer) came back. */
  readonly statuses: Map<number, number>;
  /** Stops sending new batches and waits until every batch in hand is acknowledged. */
  stop(): Promise<void>;
}

const RETRY_MS = 100;

export function startSending(url: string, { eventsPerSecond, batchSize = 10, idPrefix }: { eventsPerSecond: number; batchSize?: number; idPrefix: string }): RetryingSender {
  const acknowledged = new Set<string>();
  const statuses = new Map<number, number>();
  const inFlight = new Set<Promise<void>>();
  let next = 0;
  const send = async (events: { id: string }[]) => {
    for (;;) {
      let status = 0;
      try {
        const response = await fetch(`${url}/api/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify(events),
          signal: AbortSignal.timeout(10_000),
        });
        status = response.status;
        await response.arrayBuffer();
      } catch {
        status = 0;
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status === 200) {
        for (const event of events) acknowledged.add(event.id);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  };
  const timer = setInterval(() => {
    const at = new Date(Date.now() - 1_000).toISOString();
    const events = Array.from({ length: batchSize }, () => warning(`${idPrefix}-${next++}`, at) as { id: string });
    const sending = send(events);
    inFlight.add(sending);
    void sending.finally(() => inFlight.delete(sending));
  }, (1_000 * batchSize) / eventsPerSecond);
  return {
    acknowledged,
    statuses,
    async stop() {
      clearInterval(timer);
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
  };
}
