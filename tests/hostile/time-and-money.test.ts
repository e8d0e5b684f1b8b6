// Time and money stay sane: events before 2000 or older than FRAUDWALL_MAX_EVENT_AGE_DAYS are
// refused, a rejection "in the future" names the server's time, an operator step is never
// stamped before the step it follows, and money is refused before any sum stops being exact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FraudEvent } from '../../shared/schema/events';
import { caseEvent, contact, escalation, interception, warning } from '../fixtures/events';
import { ManualClock, OPERATOR_TOKEN, postStep, startServer, type TestServer } from '../support/test-server';

const clock = new ManualClock(Date.parse('2026-11-27T10:00:00+08:00'));
let server: TestServer;
beforeAll(async () => {
  server = await startServer({ clock, env: { FRAUDWALL_MAX_EVENT_AGE_DAYS: '30' } });
});
afterAll(() => server.destroy());

async function errorsOf(event: unknown): Promise<string[]> {
  const answer = (await (await server.post([event])).json()) as { accepted: number; rejected: { errors: string[] }[] };
  return answer.rejected[0]?.errors ?? [];
}

describe('time', () => {
  it('refuses events before 2000, older than the configured age, or ahead of the server, saying why', async () => {
    expect(await errorsOf(warning('tm-1', '1999-12-31T23:59:59+08:00'))).toEqual(['at: is before 2000-01-01']);
    expect(await errorsOf(warning('tm-2', '2026-10-27T09:00:00+08:00'))).toEqual([
      'at: is more than 30 days old (server time 2026-11-27T02:00:00.000Z)',
    ]);
    expect(await errorsOf(warning('tm-3', '2026-11-27T10:06:00+08:00'))).toEqual([
      'at: is more than 5 minutes in the future (server time 2026-11-27T02:00:00.000Z)',
    ]);
    await server.ingest([warning('tm-4', '2026-10-29T09:00:00+08:00'), warning('tm-5', '2026-11-27T10:04:00+08:00')]);
  });

  it('stamps an operator step no earlier than the step before it, when the server clock lags', async () => {
    // Upstream recorded a step at 10:04; this server's clock says 10:00.
    await server.ingest([
      warning('tm-w', '2026-11-27T09:50:00+08:00'),
      contact('tm-c', 'tm-w', '2026-11-27T09:55:00+08:00', { result: 'unreachable' }),
      escalation('tm-e', 'tm-w', '2026-11-27T10:04:00+08:00', 'comms'),
    ]);
    const answer = await postStep(server.url, 'tm-w', { step: 'station', station: '柯桥派出所' });
    expect(answer.status).toBe(201);
    expect(Date.parse(((await answer.json()) as FraudEvent).at)).toBe(Date.parse('2026-11-27T10:04:00+08:00'));
    const escalations = (await (await fetch(`${server.url}/api/v1/escalations`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } })).json()) as {
      warningId: string;
      step: string;
    }[];
    expect(escalations.find((e) => e.warningId === 'tm-w')?.step).toBe('station');
  });
});

describe('money', () => {
  it('refuses amounts that would take the money stored past exact integers, and keeps every sum exact', async () => {
    const at = '2026-11-27T09:00:00+08:00';
    // 900 events of the largest amount: 9×10^15 分, just under 2^53.
    const big = Array.from({ length: 900 }, (_, i) => interception(`tm-big-${i}`, at, { amountFen: 10 ** 13 }));
    const first = (await (await server.post(big)).json()) as { accepted: number };
    expect(first.accepted).toBe(900);
    const more = (await (await server.post([interception('tm-over', at, { amountFen: 10 ** 13 }), caseEvent('tm-loss', at, { lossFen: 10 ** 13 })])).json()) as {
      accepted: number;
      rejected: { id: string; errors: string[] }[];
    };
    expect(more.accepted).toBe(0);
    expect(more.rejected.map((r) => [r.id, r.errors[0]?.split(':')[0]])).toEqual([
      ['tm-over', 'amountFen'],
      ['tm-loss', 'lossFen'],
    ]);
    expect((await errorsOf(caseEvent('tm-loss2', at, { lossFen: 10 ** 13 + 1 })))[0]).toMatch(/^lossFen: must be at most/);
    const snapshot = await server.snapshot();
    expect(snapshot.today.interceptedFen.stopPayment).toBe(900 * 10 ** 13);
    expect(Number.isSafeInteger(snapshot.today.interceptedFen.stopPayment)).toBe(true);
  });
});
