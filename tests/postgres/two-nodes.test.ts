// Several nodes, one truth (issue 13): fraudwall nodes sharing one real PostgreSQL database each
// serve ingest, operators and walls; what one acknowledges every other shows; nothing counts
// twice, whichever node a batch or a step reaches; the failed-authentication rule holds across
// them; once ingest is quiet every node shows the same.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_SCHEMA_VERSION } from '../../server/store/postgres/migrations';
import type { Snapshot } from '../../shared/protocol/wall-state';
import { contact, SHAOXING, warning } from '../fixtures/events';
import { createDatabase, HAS_POSTGRES, startPostgres, type Postgres } from '../support/postgres';
import { postStep, startServer, type TestServer } from '../support/test-server';
import { WallClient } from '../support/wall-client';
import { waitFor } from '../support/wait-for';

let postgres: Postgres;
let url: string;
let nodes: TestServer[] = [];
const AT = () => new Date(Date.now() - 60_000).toISOString();
/** Every node of a deployment is given the same audit key file (README, The audit trail). */
const keyFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'fraudwall-key-')), 'audit.key');
const startNode = () => startServer({ env: { FRAUDWALL_DATABASE_URL: url, FRAUDWALL_AUDIT_KEY_FILE: keyFile } });

async function stored<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const step = (node: TestServer, warningId: string, body: unknown) => postStep(node.url, warningId, body);

/** What every node must agree on: the snapshot without what names the node or the moment. */
function shown(snapshot: Snapshot): unknown {
  const { bootId: _b, seq: _s, asOf: _a, ...rest } = snapshot;
  return rest;
}

describe.skipIf(!HAS_POSTGRES)('two nodes on one PostgreSQL database', () => {
  beforeAll(async () => {
    postgres = await startPostgres();
    url = await createDatabase(postgres.url, 'cluster');
    // Both start at once on the empty database: one migrates, the other waits for it.
    nodes = await Promise.all([startNode(), startNode()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.destroy()));
    postgres?.destroy();
  });

  it('refuses to start a node whose audit key is not the one the chain was written with, naming the setting', async () => {
    const otherKey = path.join(mkdtempSync(path.join(os.tmpdir(), 'fraudwall-key-')), 'audit.key');
    await expect(startServer({ env: { FRAUDWALL_DATABASE_URL: url, FRAUDWALL_AUDIT_KEY_FILE: otherKey } })).rejects.toThrow(
      /FRAUDWALL_AUDIT_KEY_FILE \(.*\) does not hold the key the audit trail was written with/,
    );
  });

  it('migrates an empty database exactly once when both start together', async () => {
    expect(await stored('SELECT version FROM schema_version')).toEqual([{ version: PG_SCHEMA_VERSION }]);
  });

  it('shows on the walls of one node an event acknowledged by the other', async () => {
    const [a, b] = nodes as [TestServer, TestServer];
    const wall = new WallClient(b.url);
    try {
      await wall.connected();
      await waitFor(() => expect(wall.state).toBeDefined());
      const before = (await b.snapshot()).today.warnings.total;
      await a.ingest([warning('cross-1', AT())]);
      await waitFor(() => expect((wall.state as unknown as Snapshot).today.warnings.total).toBe(before + 1));
    } finally {
      wall.close();
    }
  });

  it('counts a batch once whether it is retried on the other node or posted to both at the same moment', async () => {
    const [a, b] = nodes as [TestServer, TestServer];
    const before = (await a.snapshot()).today.warnings.total;
    const batch = Array.from({ length: 50 }, (_, i) => warning(`twice-${i}`, AT(), { county: SHAOXING.zhuji }));
    const [first, second] = await Promise.all([a.ingest(batch), b.ingest(batch)]);
    expect(first.accepted + second.accepted).toBe(50);
    expect(first.duplicates + second.duplicates).toBe(50);
    expect((await b.ingest(batch)).duplicates).toBe(50);
    await waitFor(async () => {
      expect((await a.snapshot()).today.warnings.total).toBe(before + 50);
      expect((await b.snapshot()).today.warnings.total).toBe(before + 50);
    });
    expect(await stored("SELECT count(*)::int AS n FROM events WHERE id LIKE 'twice-%'")).toEqual([{ n: 50 }]);
  });

  it('gives exactly one 201 and one 409 to two operators moving the same escalation at once on two nodes', async () => {
    const [a, b] = nodes as [TestServer, TestServer];
    await a.ingest([
      warning('race-w', AT()),
      // Unreachable: the escalation opens.
      contact('race-c', 'race-w', AT(), { result: 'unreachable' }),
    ]);
    for (const next of ['comms', 'station'] as const) {
      const answers = await Promise.all([step(a, 'race-w', { step: next, station: '柯桥派出所' }), step(b, 'race-w', { step: next, station: '柯桥派出所' })]);
      expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    }
    expect(await stored("SELECT count(*)::int AS n FROM events WHERE warning_id = 'race-w' AND type = 'escalation'")).toEqual([{ n: 2 }]);
  });

  it('locks out an address whose failures are spread over both nodes, on both', async () => {
    const [a, b] = nodes as [TestServer, TestServer];
    const event = warning('locked-1', AT());
    for (let i = 0; i < 10; i++) {
      expect((await a.post([event], { token: `wrong-token-number-a${i}` })).status).toBe(401);
      expect((await b.post([event], { token: `wrong-token-number-b${i}` })).status).toBe(401);
    }
    expect((await a.post([event], { token: 'one-more-wrong-token-a' })).status).toBe(429);
    expect((await b.post([event], { token: 'one-more-wrong-token-b' })).status).toBe(429);
    // The rightful sender behind the same address is served throughout.
    expect((await b.post([event])).status).toBe(200);
  });

  it('shows the same on every node once ingest is quiet, a node started later included', async () => {
    const late = await startNode();
    nodes.push(late);
    for (const scope of [undefined, SHAOXING.keqiao]) {
      const path = scope === undefined ? '' : `?scope=${scope}`;
      const snapshot = async (node: TestServer) => shown((await (await fetch(`${node.url}/api/v1/snapshot${path}`)).json()) as Snapshot);
      await waitFor(async () => {
        const [first, ...others] = await Promise.all(nodes.map(snapshot));
        for (const other of others) expect(other).toEqual(first);
      });
    }
  });
});
