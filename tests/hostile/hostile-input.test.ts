// 10,000 generated hostile payloads: never a 5xx, never a crash, each rejected with a reason,
// and the stored state unchanged by them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../server/simulator/random';
import { caseEvent, contact, escalation, interception, warning } from '../fixtures/events';
import { startServer, type TestServer } from '../support/test-server';
import { storedEventCount } from '../support/stored';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.destroy());

type Json = Record<string, unknown>;
const random = new Random(666);
const at = () => new Date(Date.now() - 60_000).toISOString();
const VALID: (() => Json)[] = [
  () => warning(`h-${random.next()}`, at()),
  () => contact(`h-${random.next()}`, 'w-1', at()),
  () => escalation(`h-${random.next()}`, 'w-1', at(), 'comms'),
  () => interception(`h-${random.next()}`, at()),
  () => caseEvent(`h-${random.next()}`, at(), { count: 2 }),
];
const WRONG_VALUES: unknown[] = [null, true, 0, -1, 1.5, 1e309, '', 'x'.repeat(5_000), [], {}, [1, 2], { nested: { deep: 1 } }, '\u0000', '😀'.repeat(40), 'DROP TABLE events;'];

const OPTIONAL = new Set(['channel', 'count']);

/** One valid event with one thing broken: every payload here must be rejected. */
function mutate(event: Json): unknown {
  const keys = Object.keys(event);
  const key = random.pick(keys);
  switch (random.int(0, 9)) {
    case 0: {
      // Only a required field: dropping an optional one (channel, count) leaves a valid event.
      const required = random.pick(keys.filter((k) => !OPTIONAL.has(k)));
      const { [required]: _dropped, ...rest } = event;
      return rest;
    }
    case 1:
      return { ...event, [key]: random.pick(WRONG_VALUES.filter((v) => typeof v !== typeof event[key])) };
    case 2:
      return { ...event, [random.pick(['extra', 'constructor', 'prototype', 'toString', 'type2'])]: 1 };
    case 3:
      return JSON.parse(JSON.stringify(event).replace('{', '{"__proto__":{"polluted":true},'));
    case 4:
      return { ...event, id: random.pick(['', 'has space', 'x'.repeat(65), 'semi;colon', 'slash/id', '中文']) };
    case 5:
      return { ...event, at: random.pick(['2026-11-27', 'yesterday', '2026-13-01T00:00:00Z', '2026-11-27T10:00:00', '3026-01-01T00:00:00Z']) };
    case 6:
      return { ...event, county: random.pick(['330102', '33060', '3306031', 'abcdef', 330603]) };
    case 7:
      return { ...event, type: random.pick(['Warning', 'alert', '', 'case ', null]) };
    case 8:
      return random.pick([null, 42, 'a string', [event], [[]], true]);
    default: {
      let nested: unknown = event;
      for (let i = 0; i < random.int(5, 200); i++) nested = { wrap: nested };
      return nested;
    }
  }
}

async function post(raw: string | Uint8Array<ArrayBuffer>, contentType = 'application/json'): Promise<Response> {
  return server.post(undefined, { raw, contentType });
}

describe('hostile input', () => {
  it('rejects 10,000 broken events one by one, with reasons, changing nothing', async () => {
    const before = await server.snapshot();
    const eventsBefore = await storedEventCount(server);
    let rejected = 0;
    for (let request = 0; request < 20; request++) {
      const payloads = Array.from({ length: 500 }, () => mutate(random.pick(VALID)()));
      const response = await post(JSON.stringify(payloads));
      expect(response.status).toBe(200);
      const summary = (await response.json()) as { accepted: number; rejected: { index: number; errors: string[] }[] };
      expect(summary.accepted).toBe(0);
      expect(summary.rejected).toHaveLength(500);
      for (const r of summary.rejected) expect(r.errors.length).toBeGreaterThan(0);
      rejected += summary.rejected.length;
    }
    expect(rejected).toBe(10_000);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();

    // Whole bodies that are broken get 4xx, never 5xx.
    const valid = JSON.stringify(warning('h-valid', at()));
    const bodies: [string | Uint8Array<ArrayBuffer>, string, number][] = [
      [`${valid}\n${valid.slice(0, 40)}`, 'application/x-ndjson', 400],
      [valid.slice(0, -1), 'application/json', 400],
      [new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]), 'application/json', 400],
      [`"${'x'.repeat(11 * 1024 * 1024)}"`, 'application/json', 413],
      ['<xml/>', 'application/xml', 415],
      ['', 'application/json', 400],
    ];
    for (const [raw, type, status] of bodies) {
      const response = await post(raw, type);
      expect([type, response.status]).toEqual([type, status]);
      expect(typeof ((await response.json()) as { error: string }).error).toBe('string');
    }

    // Parseable but absurdly deep: rejected as an event, and kept as a dead letter that says so.
    for (const deepBody of [`[${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}]`, `[${'['.repeat(200_000)}${']'.repeat(200_000)}]`]) {
      const deep = await post(deepBody);
      expect(deep.status).toBe(200);
      expect(((await deep.json()) as { rejected: unknown[] }).rejected).toHaveLength(1);
    }

    // …and operators can still list the dead letters.
    const letters = await fetch(`${server.url}/api/v1/rejected?limit=1000`, { headers: { authorization: 'Bearer operator-token-for-tests' } });
    expect(letters.status).toBe(200);
    expect(((await letters.json()) as unknown[]).length).toBe(1_000);

    expect(await storedEventCount(server)).toBe(eventsBefore);
    const after = await server.snapshot();
    const comparable = ({ asOf: _a, seq: _s, ...rest }: typeof before) => rest;
    expect(comparable(after)).toEqual(comparable(before));
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 60_000);
});
