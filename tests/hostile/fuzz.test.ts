// Property-based fuzzing of the ingest, stats and operator endpoints (fast-check): whatever a
// client sends, never a 5xx, never a hang (every answer within ANSWER_WITHIN_MS), and input
// that is refused leaves the stored state as it was. The seed is fixed so a failure replays;
// FRAUDWALL_FUZZ_SEED explores others.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESCALATION_OUTCOMES, ESCALATION_STEPS } from '../../shared/vocabulary';
import { caseEvent, contact, escalation, interception, warning } from '../fixtures/events';
import { readStored } from '../support/stored';
import { OPERATOR_TOKEN, startServer, type TestServer } from '../support/test-server';

const SEED = Number(process.env['FRAUDWALL_FUZZ_SEED'] ?? 20_261_202);
const RUNS = 500;
const ANSWER_WITHIN_MS = 5_000;
console.info(`fuzz: seed ${SEED}, ${RUNS} cases per endpoint`);

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  const at = new Date(Date.now() - 600_000).toISOString();
  await server.ingest([0, 1, 2].flatMap((i) => [warning(`fz-w${i}`, at), contact(`fz-c${i}`, `fz-w${i}`, at, { result: 'unreachable' })]));
});
afterAll(() => server.destroy());

/** What the store holds, in a few numbers that any change moves. */
const storedState = () =>
  readStored(server.dataDir, (db) =>
    db.prepare("SELECT (SELECT count(*) FROM events) AS events, (SELECT total(value) FROM rollups) AS rollups, (SELECT count(*) FROM escalations WHERE stage <> 'resolved') AS open").get(),
  );

const call = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, { ...init, signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });

const hostileText = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u202E', '\u200B', '\uFEFF', '\u0000', '１３８００００１１１１', '13800001111', '刘·洋', 'x'.repeat(600)),
);
const hostileValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileText, fc.integer(), fc.double(), fc.constant(10 ** 13), fc.constant(Number.MAX_SAFE_INTEGER));
const validEvent = fc.constantFrom(
  () => warning('fz-new', new Date().toISOString()),
  () => contact('fz-new', 'fz-w0', new Date().toISOString()),
  () => escalation('fz-new', 'fz-w1', new Date().toISOString(), 'comms'),
  () => interception('fz-new', new Date().toISOString()),
  () => caseEvent('fz-new', new Date().toISOString()),
);
/** A valid event with one field replaced or added: mostly invalid, sometimes still valid. */
const mutatedEvent = fc
  .tuple(validEvent, fc.constantFrom('id', 'type', 'at', 'county', 'victim', 'level', 'warningId', 'step', 'station', 'note', 'amountFen', 'lossFen', 'count', 'extra'), hostileValue, fc.nat())
  .map(([make, key, value, n]) => ({ ...make(), id: `fz-${n}`, [key]: value }));

describe('fuzzing', () => {
  it('ingest: never 5xx, always answers, and a refused request changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(mutatedEvent, fc.jsonValue({ maxDepth: 4 })), { minLength: 1, maxLength: 20 }), async (events) => {
        const before = storedState();
        const answer = await server.post(events);
        expect([200, 400, 413, 415]).toContain(answer.status);
        const body = (await answer.json()) as { accepted?: number; duplicates?: number };
        if (!body.accepted) expect(storedState()).toEqual(before);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 120_000);

  it('stats: never 5xx, always answers', async () => {
    const day = fc.oneof(
      fc.date({ min: new Date('1900-01-01'), max: new Date('2200-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      fc.constantFrom('9999-12-31', '0000-01-01', '2000-02-30', '2026-1-1', ''),
      hostileText,
    );
    const query = fc.record(
      { from: day, to: day, groupBy: fc.oneof(fc.constantFrom('day', 'month'), hostileText), compare: fc.oneof(fc.constant('previous_year'), hostileText) },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const answer = await call(`/api/v1/stats?${new URLSearchParams(q as Record<string, string>)}`);
        expect([200, 400]).toContain(answer.status);
        await answer.arrayBuffer();
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 120_000);

  it('operator steps: never 5xx, always answers, and a refused step changes nothing', async () => {
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record(
        {
          step: fc.oneof(fc.constantFrom(...ESCALATION_STEPS), hostileText),
          station: hostileText,
          outcome: fc.oneof(fc.constantFrom(...ESCALATION_OUTCOMES), hostileText),
          note: hostileText,
          by: hostileText,
        },
        { requiredKeys: [] },
      ),
    );
    const warningId = fc.oneof(fc.constantFrom('fz-w0', 'fz-w1', 'fz-w2', 'nobody'), hostileText.filter((s) => s.length > 0));
    await fc.assert(
      fc.asyncProperty(warningId, body, async (id, step) => {
        const before = storedState();
        const answer = await call(`/api/v1/escalations/${encodeURIComponent(id)}/steps`, {
          method: 'POST',
          headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify(step),
        });
        expect([201, 400, 404, 409, 413]).toContain(answer.status);
        await answer.arrayBuffer();
        if (answer.status !== 201) expect(storedState()).toEqual(before);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 120_000);
});
