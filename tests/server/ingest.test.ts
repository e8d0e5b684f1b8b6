// POST /api/v1/events and GET /api/v1/rejected against a real server and SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contact, warning } from '../fixtures/events';
import { INGEST_TOKEN, OPERATOR_TOKEN, startServer, type TestServer } from '../support/test-server';
import { isStored, storedEventCount } from '../support/stored';

let server: TestServer;
const AT = () => new Date(Date.now() - 60_000).toISOString();

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.destroy());

async function rejected(limit?: number): Promise<{ receivedAt: string; index: number; id?: string; errors: string[]; event: unknown }[]> {
  const response = await fetch(`${server.url}/api/v1/rejected${limit ? `?limit=${limit}` : ''}`, {
    headers: { authorization: `Bearer ${OPERATOR_TOKEN}` },
  });
  expect(response.status).toBe(200);
  return response.json() as never;
}

describe('ingest authentication', () => {
  it('answers 401 without a token or with an unknown one, 403 with a token of another role, and writes nothing', async () => {
    const before = await storedEventCount(server);
    expect((await server.post([warning('auth-1', AT())], { token: '' })).status).toBe(401);
    expect((await server.post([warning('auth-1', AT())], { token: 'not-a-token-at-all' })).status).toBe(401);
    expect((await server.post([warning('auth-1', AT())], { token: OPERATOR_TOKEN })).status).toBe(403);
    expect(await storedEventCount(server)).toBe(before);
  });
});

describe('ingest bodies', () => {
  it('takes a JSON array, one JSON object, or NDJSON', async () => {
    expect(await server.ingest([warning('body-1', AT()), warning('body-2', AT())])).toMatchObject({ accepted: 2 });
    expect(await (await server.post(warning('body-3', AT()))).json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const ndjson = `${JSON.stringify(warning('body-4', AT()))}\n\n${JSON.stringify(warning('body-5', AT()))}\n`;
    const response = await server.post(undefined, { raw: ndjson, contentType: 'application/x-ndjson' });
    expect(await response.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
  });

  it('answers 400 with the parser message for unparseable JSON or NDJSON', async () => {
    const json = await server.post(undefined, { raw: '[{"id": "x",' });
    expect(json.status).toBe(400);
    expect((await json.json()).error).toMatch(/^invalid JSON: /);
    const ndjson = await server.post(undefined, { raw: `${JSON.stringify(warning('nd-ok', AT()))}\n{oops`, contentType: 'application/x-ndjson' });
    expect(ndjson.status).toBe(400);
    expect((await ndjson.json()).error).toMatch(/line 2/);
    expect(await isStored(server, 'nd-ok')).toBe(false);
  });

  it('answers 400 for a body that is not UTF-8', async () => {
    const response = await server.post(undefined, { raw: new Uint8Array([0x5b, 0xff, 0xfe, 0x5d]) });
    expect(response.status).toBe(400);
  });

  it('answers 415 for other content types', async () => {
    expect((await server.post(undefined, { raw: 'id=1', contentType: 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await server.post(undefined, { raw: '[]', contentType: 'text/plain' })).status).toBe(415);
  });

  it('answers 413 above 10,000 events or 10 MiB, storing nothing', async () => {
    const before = await storedEventCount(server);
    const many = Array.from({ length: 10_001 }, (_, i) => warning(`many-${i}`, AT()));
    expect((await server.post(many)).status).toBe(413);
    const huge = `[${JSON.stringify(warning('huge', AT(), { victim: { phone: '13812341234', name: 'x'.repeat(11 * 1024 * 1024) } }))}]`;
    expect((await server.post(undefined, { raw: huge })).status).toBe(413);
    expect(await storedEventCount(server)).toBe(before);
  });

  it('takes exactly 10,000 events in one request', async () => {
    const batch = Array.from({ length: 10_000 }, (_, i) => warning(`max-${i}`, AT()));
    expect(await server.ingest(batch)).toMatchObject({ accepted: 10_000 });
  });
});

describe('per-event validation, idempotency and dead letters', () => {
  it('applies the valid events of a batch and rejects the others with reasons, keeping them as dead letters', async () => {
    const response = await server.post([
      warning('mix-1', AT()),
      warning('mix-2', AT(), { county: '330999' }),
      { nonsense: true },
      contact('mix-3', 'mix-1', AT()),
    ]);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: [
        { index: 1, id: 'mix-2', errors: ['county: 330999 is not a county of region shaoxing'] },
        { index: 2, errors: ['type: must be one of warning, contact, escalation, interception, case, outreach'] },
      ],
    });
    expect(await isStored(server, 'mix-2')).toBe(false);
    const letters = await rejected(2);
    expect(letters).toHaveLength(2);
    expect(letters[0]).toMatchObject({ index: 2, event: { nonsense: true } });
    expect(letters[1]).toMatchObject({ index: 1, id: 'mix-2', errors: ['county: 330999 is not a county of region shaoxing'] });
    expect(letters[1]?.event).toEqual(warning('mix-2', (letters[1]?.event as { at: string }).at, { county: '330999' }));
    expect(letters[0]?.receivedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);
  });

  it('counts a resent identical event as a duplicate, and rejects the same id with different content', async () => {
    const at = AT();
    await server.ingest([warning('idem-1', at)]);
    const totalBefore = (await server.snapshot()).today.warnings.total;
    // Same content, keys in another order: still the same event.
    const reordered = Object.fromEntries(Object.entries(warning('idem-1', at)).reverse());
    expect(await (await server.post([reordered, warning('idem-1', at)])).json()).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
    // The same instant written in another offset is the same event (issue 22).
    const inShanghai = new Date(Date.parse(at) + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
    expect(inShanghai).not.toBe(at);
    expect(Date.parse(inShanghai)).toBe(Date.parse(at));
    expect(await (await server.post([warning('idem-1', inShanghai)])).json()).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    // A real conflict keeps the contract's words and names each field that differs.
    const conflictErrors = ['id already used with different content', 'level: differs from the event stored under this id', 'victim.phone: differs from the event stored under this id'];
    const changed = warning('idem-1', at, { level: 'high', victim: { phone: '13900000000', name: '刘洋' } });
    const conflict = await (await server.post([changed])).json();
    expect(conflict).toEqual({ accepted: 0, duplicates: 0, rejected: [{ index: 0, id: 'idem-1', errors: conflictErrors }] });
    expect((await server.snapshot()).today.warnings.total).toBe(totalBefore);
    expect((await rejected(1))[0]).toMatchObject({ id: 'idem-1', errors: conflictErrors });
  });

  it('treats a repeated id within one batch as a duplicate of the first', async () => {
    const at = AT();
    expect(await (await server.post([warning('twice', at), warning('twice', at)])).json()).toEqual({ accepted: 1, duplicates: 1, rejected: [] });
  });

  it('lists dead letters only for operators, newest first, with a bounded limit', async () => {
    expect((await fetch(`${server.url}/api/v1/rejected`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/v1/rejected`, { headers: { authorization: `Bearer ${INGEST_TOKEN}` } })).status).toBe(403);
    const bad = await fetch(`${server.url}/api/v1/rejected?limit=0`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/^limit: /);
    expect((await rejected()).length).toBeGreaterThan(2);
  });
});

describe('security headers', () => {
  it('sends a CSP and nosniff on API responses', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
