// What a route's failure is answered with: 503 and "retry" only for the store's transient
// failures (errors.ts); anything else is a bug — 500, logged as one — never an outage that
// upstream systems would retry into.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../server/app/error-handler';
import { StoreBusy, StoreUnavailable, Unwritable } from '../../server/store/errors';

const logged: { level: number; msg: string }[] = [];
const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line) as { level: number; msg: string }) });
const failures: Record<string, () => Error> = {
  unavailable: () => new StoreUnavailable('the database failed: connection terminated'),
  unwritable: () => new Unwritable('the disk is full'),
  busy: () => new StoreBusy('the store is busy'),
  constraint: () => Object.assign(new Error('UNIQUE constraint failed: events.id'), { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' }),
  'postgres-constraint': () => Object.assign(new Error('duplicate key value'), { code: '23505', severity: 'ERROR' }),
};

let url: string;
let close: () => void;

beforeAll(async () => {
  const app = express();
  app.get('/fail/:kind', (req) => {
    throw failures[req.params.kind]!();
  });
  app.use(errorHandler(logger));
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

const answer = async (kind: string) => {
  const response = await fetch(`${url}/fail/${kind}`);
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { error: string } };
};

describe('errorHandler', () => {
  it('answers the store’s transient failures 503, saying to retry', async () => {
    expect(await answer('unavailable')).toMatchObject({ status: 503, body: { error: expect.stringMatching(/retry later/) } });
    expect(await answer('unwritable')).toMatchObject({ status: 503, body: { error: expect.stringMatching(/cannot keep writes.*retry later/) } });
    expect(await answer('busy')).toMatchObject({ status: 503, retryAfter: '1' });
  });

  it('answers a constraint violation from either engine 500, and logs it as a bug', async () => {
    logged.length = 0;
    for (const kind of ['constraint', 'postgres-constraint']) {
      expect(await answer(kind)).toEqual({ status: 500, retryAfter: null, body: { error: 'internal error' } });
    }
    expect(logged.filter((line) => line.msg === 'unexpected error')).toHaveLength(2);
  });
});
