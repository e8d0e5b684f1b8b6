// Free text cannot carry a victim to the wall: a station must name a unit (no digit runs, no
// person), an id that is a phone number reaches walls masked, names hold letters only, and
// invisible format characters are refused in every text field, by ingest and by the operator
// endpoint alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contact, escalation, warning } from '../fixtures/events';
import { ManualClock, OPERATOR_TOKEN, postStep, startServer, type TestServer } from '../support/test-server';
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
  it('refuses a station that is a number or a person, by ingest and by the operator endpoint, naming the field (issue 22)', async () => {
    await server.ingest([warning('ft-w1', t('09:00'), { victim: { phone: '13900001111', name: '刘洋' } }), contact('ft-c1', 'ft-w1', t('09:01'), { result: 'unreachable' })]);
    for (const [station, why] of [
      ['柯桥派出所 请回电13955556666', /^station: must not hold three or more digits in a row/],
      ['城东所 139-5555-7777', /^station: must not hold three or more digits in a row/],
      ['刘洋', /^station: must name a unit/],
    ] as const) {
      const ingested = (await (await server.post([escalation(`ft-st-${station.length}`, 'ft-w1', t('09:02'), 'station', { station })])).json()) as { rejected: { errors: string[] }[] };
      expect(ingested.rejected[0]?.errors.join('; '), station).toMatch(why);
      const stepped = await step('ft-w1', { step: 'station', station });
      expect(stepped.status, station).toBe(400);
      expect(((await stepped.json()) as { error: string }).error).toMatch(why);
    }
    // What a station is called is taken: a police station, a numbered grid, a post.
    expect((await step('ft-w1', { step: 'station', station: '柯桥街道第2网格' })).status).toBe(201);
    const stations = await (await fetch(`${server.url}/api/v1/stations?county=330603`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } })).text();
    for (const text of ['13955556666', '刘洋']) expect(stations).not.toContain(text);
  });

  it('never shows a wall an id that is a phone number, and keeps cards apart (issue 22)', async () => {
    const wall = new WallClient(server.url);
    await wall.connected();
    await server.ingest([
      warning('13900002222', t('09:30')),
      contact('13900002222-c', '13900002222', t('09:31'), { result: 'unreachable' }),
      warning('139_0000_3333', t('09:32')),
      contact('139_0000_3333-c', '139_0000_3333', t('09:33'), { result: 'unreachable' }),
    ]);
    const board = await waitFor(() => {
      const cards = (wall.state?.['activeEscalations'] ?? []) as { warningId: string }[];
      const shown = cards.filter((card) => card.warningId.startsWith('139****'));
      expect(shown).toHaveLength(2);
      return shown;
    });
    // Masked like a phone in free text, each with its own tag: two cards, never one.
    expect(new Set(board.map((card) => card.warningId)).size).toBe(2);
    const frames = wall.frames.join('\n') + JSON.stringify(await server.snapshot());
    for (const digits of ['13900002222', '139_0000_3333', '00002222', '0000_3333']) expect(frames).not.toContain(digits);
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
