// Free text cannot carry a victim to the wall: runs of digits typed into a station are masked in
// every frame a wall receives, names hold letters only, and invisible format characters are
// refused in every text field, by ingest and by the operator endpoint alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contact, escalation, warning } from '../fixtures/events';
import { ManualClock, postStep, startServer, type TestServer } from '../support/test-server';
import { WallClient } from '../support/wall-client';
import { waitFor } from '../support/wait-for';

const clock = new ManualClock(Date.parse('2026-11-27T10:00:00+08:00'));
const t = (hhmm: string) => `2026-11-27T${hhmm}:00+08:00`;
let server: TestServer;
beforeAll(async () => {
  server = await startServer({ clock });
});
afterAll(() => server.destroy());

const step = (warningId: string, body: unknown) => postStep(server.url, warningId, body);

describe('free text on the wall', () => {
  it('masks numbers typed into a station in the board, the ticker and every frame', async () => {
    const wall = new WallClient(server.url);
    await wall.connected();
    await server.ingest([
      warning('ft-w1', t('09:00'), { victim: { phone: '13900001111', name: '刘洋' } }),
      contact('ft-c1', 'ft-w1', t('09:01'), { result: 'unreachable' }),
      escalation('ft-e1', 'ft-w1', t('09:02'), 'station', { station: '柯桥派出所 请回电13955556666' }),
      warning('ft-w2', t('09:03')),
      contact('ft-c2', 'ft-w2', t('09:04'), { result: 'unreachable' }),
    ]);
    expect((await step('ft-w2', { step: 'station', station: '城东所 139-5555-7777' })).status).toBe(201);
    await waitFor(() => {
      const board = (wall.state?.['activeEscalations'] ?? []) as { warningId: string; station?: string }[];
      expect(board.find((e) => e.warningId === 'ft-w1')?.station).toBe('柯桥派出所 请回电139****6666');
      expect(board.find((e) => e.warningId === 'ft-w2')?.station).toBe('城东所 139****7777');
    });
    const frames = wall.frames.join('\n') + JSON.stringify(await server.snapshot());
    for (const digits of ['13955556666', '5555-7777', '55556666', '13900001111']) expect(frames).not.toContain(digits);
    wall.close();
  });

  it.each([
    ['victim.name', warning('ft-bad1', t('09:10'), { victim: { phone: '13900001111', name: '刘\u202E洋' } })],
    ['victim.name', warning('ft-bad2', t('09:10'), { victim: { phone: '13900001111', name: '刘洋13900001111' } })],
    ['station', escalation('ft-bad3', 'ft-w1', t('09:10'), 'comms', { station: '派出所\u200B' })],
    ['note', escalation('ft-bad4', 'ft-w1', t('09:10'), 'comms', { note: 'ok\u2066hidden\u2069' })],
    ['by', escalation('ft-bad5', 'ft-w1', t('09:10'), 'comms', { by: '\uFEFF张三' })],
  ])('ingest refuses hidden or wrong characters in %s', async (field, event) => {
    const answer = (await (await server.post([event])).json()) as { accepted: number; rejected: { errors: string[] }[] };
    expect(answer.accepted).toBe(0);
    expect(answer.rejected[0]?.errors.join()).toMatch(new RegExp(`^${field.replace('.', '\\.')}: `));
  });

  it('keeps names with the middle dot and Latin letters, and line breaks in notes', async () => {
    await server.ingest([
      warning('ft-ok1', t('09:20'), { victim: { phone: '13900001111', name: '阿依古丽·买买提' } }),
      warning('ft-ok2', t('09:20'), { victim: { phone: '13900001111', name: 'Anna Müller' } }),
      escalation('ft-ok3', 'ft-ok1', t('09:21'), 'comms', { note: '第一行\n第二行\t完' }),
    ]);
  });

  it('the operator endpoint refuses the same with 400 naming the field', async () => {
    for (const [field, body] of [
      ['station', { step: 'station', station: '所\u202Ename' }],
      ['note', { step: 'station', note: '\u200Fx' }],
      ['by', { step: 'station', by: 'a\u0007b' }],
    ] as const) {
      const answer = await step('ft-w1', body);
      expect(answer.status).toBe(400);
      expect(((await answer.json()) as { error: string }).error).toMatch(new RegExp(`^${field}: must not contain invisible`));
    }
  });
});
