// Bounded whatever clients send: every date and limit is range-checked before work starts, and
// neither a rejected event nor the list of them can grow without bound.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { DEAD_LETTER_BYTES_LIMIT, DEAD_LETTER_EVENT_CHARS } from '../../server/ingest/dead-letter';
import { DeadLetters } from '../../server/store/sqlite/dead-letters';
import { DATABASE_FILE, openDatabase } from '../../server/store/sqlite/open-database';
import { warning } from '../fixtures/events';
import { OPERATOR_TOKEN, startServer, type TestServer } from '../support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.destroy());

const get = (url: string) => fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` }, signal: AbortSignal.timeout(5_000) });

describe('bounded requests', () => {
  it.each([
    ['from=9999-12-31&to=9999-12-31', 'from'],
    ['from=1999-12-31&to=2000-01-31', 'from'],
    ['from=2026-01-01&to=2101-01-01', 'to'],
    ['from=2026-02-01&to=2026-01-01', 'to'],
    ['from=2020-01-01&to=2026-01-01', 'to'],
    ['from=2026-01-01&to=2026-01-31&groupBy=week', 'groupBy'],
  ])('stats answer 400 naming the parameter at once: %s', async (query, parameter) => {
    const answer = await get(`/api/v1/stats?${query}`);
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: string }).error).toMatch(new RegExp(`^${parameter}: `));
  });

  it('answers the edges of the calendar: 2000 against 1999, and 2100', async () => {
    expect((await get('/api/v1/stats?from=2000-01-01&to=2000-12-31&groupBy=month&compare=previous_year')).status).toBe(200);
    expect((await get('/api/v1/stats?from=2100-12-01&to=2100-12-31&compare=previous_year')).status).toBe(200);
  });

  it('keeps a cut copy of huge rejected events, bounded reasons, and a rejected list that answers', async () => {
    const huge = { ...warning('bound-1', new Date().toISOString()), victim: { phone: 'x'.repeat(9 * 1024 * 1024) } };
    for (let i = 0; i < 3; i++) expect((await server.post([huge])).status).toBe(200);
    const manyKeys = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`${'k'.repeat(1_000)}${i}`, i]));
    const summary = (await (await server.post([{ ...warning('bound-2', new Date().toISOString()), ...manyKeys }])).json()) as {
      rejected: { errors: string[] }[];
    };
    const errors = summary.rejected[0]!.errors;
    expect(errors).toHaveLength(6);
    expect(errors[5]).toBe('… and 4995 more');
    for (const e of errors) expect(e.length).toBeLessThanOrEqual(200);

    const listed = await get('/api/v1/rejected?limit=10');
    expect(listed.status).toBe(200);
    const letters = (await listed.json()) as { event: { truncated?: boolean; length?: number; head?: string } }[];
    expect(letters[1]?.event).toMatchObject({ truncated: true });
    expect(letters[1]!.event.head!.length).toBe(DEAD_LETTER_EVENT_CHARS);
    expect((await get('/api/v1/rejected?limit=1001')).status).toBe(400);

    const db = new Database(path.join(server.dataDir, DATABASE_FILE), { readonly: true });
    const stored = db.prepare<[], { bytes: number }>('SELECT sum(length(event) + length(errors)) AS bytes FROM rejected').get()!;
    db.close();
    expect(stored.bytes).toBeLessThan(4 * (DEAD_LETTER_EVENT_CHARS + 2_000));
  });
});

describe('dead letters', () => {
  it('keep only the newest within the byte cap', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-dead-'));
    const db = openDatabase(dir);
    const letters = new DeadLetters(db);
    const event = { filler: 'x'.repeat(DEAD_LETTER_EVENT_CHARS) };
    const perLetter = DEAD_LETTER_EVENT_CHARS + 100;
    const count = Math.ceil((1.5 * DEAD_LETTER_BYTES_LIMIT) / perLetter);
    db.transaction(() => {
      for (let i = 0; i < count; i += 1_000) {
        letters.add(Array.from({ length: 1_000 }, (_, j) => ({ receivedAt: i + j, index: j, errors: ['event: bad'], event })));
      }
    })();
    const { bytes, n, newest } = db.prepare<[], { bytes: number; n: number; newest: number }>(
      'SELECT sum(bytes) AS bytes, count(*) AS n, max(received_ms) AS newest FROM rejected',
    ).get()!;
    db.close();
    rmSync(dir, { recursive: true, force: true });
    expect(bytes).toBeLessThanOrEqual(DEAD_LETTER_BYTES_LIMIT);
    expect(bytes).toBeGreaterThan(DEAD_LETTER_BYTES_LIMIT * 0.9);
    expect(n).toBeLessThan(count);
    expect(newest).toBe(Math.ceil(count / 1_000) * 1_000 - 1);
  });
});

describe('a flood of expensive reads', () => {
  it('is answered, partly with 503 busy once the store’s queue is full, never left hanging', async () => {
    const from = '2024-01-01';
    const answers = await Promise.all(
      Array.from({ length: 300 }, () =>
        fetch(`${server.url}/api/v1/stats?from=${from}&to=2026-12-31&groupBy=day&compare=previous_year`, { signal: AbortSignal.timeout(30_000) }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses).toContain(503);
    const busy = answers.find((a) => a.status === 503)!;
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(((await busy.json()) as { error: string }).error).toMatch(/busy/);
    // …and once the flood is over, it answers again.
    expect((await get(`/api/v1/stats?from=${from}&to=2026-12-31`)).status).toBe(200);
  });
});
