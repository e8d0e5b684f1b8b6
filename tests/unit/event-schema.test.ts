import { describe, expect, it } from 'vitest';
import { createEventValidator } from '../../shared/schema/validate';
import { caseEvent, contact, escalation, interception, outreach, SHAOXING, warning } from '../fixtures/events';

const NOW = Date.parse('2026-11-27T10:00:00+08:00');
const AT = '2026-11-27T09:30:00+08:00';
const validate = createEventValidator({
  regionId: 'shaoxing',
  countyCodes: new Set(Object.values(SHAOXING)),
  now: () => NOW,
});

function errorsOf(event: unknown): string[] {
  const result = validate(event);
  return result.ok ? [] : result.errors;
}

const valid: [string, Record<string, unknown>][] = [
  ['warning', warning('w-1', AT)],
  ['warning without a name', warning('w-1', AT, { victim: { phone: '13812341234' } })],
  ['warning, province, high, every fraud type code', warning('w-1', AT, { source: 'province', level: 'high', fraudType: 'police_impersonation' })],
  ['5-digit and 20-digit phones', warning('w-1', AT, { victim: { phone: '96110' } })],
  ['20-digit phone', warning('w-1', AT, { victim: { phone: '1'.repeat(20), name: '欧'.repeat(32) } })],
  ['UTC time', warning('w-1', '2026-11-27T01:30:00Z')],
  ['fractional seconds', warning('w-1', '2026-11-27T09:30:00.123+08:00')],
  ['5 minutes ahead exactly', warning('w-1', '2026-11-27T10:05:00+08:00')],
  ['id of every allowed character', warning('Az09_.:-', AT)],
  ['64-char id', warning('a'.repeat(64), AT)],
  ['contact', contact('c-1', 'w-1', AT)],
  ['contact without channel', contact('c-1', 'w-1', AT, { channel: undefined, result: 'unreachable' })],
  ['contact by sms', contact('c-1', 'w-1', AT, { channel: 'sms', result: 'not_deceived' })],
  ['escalation comms with note and by', escalation('e-1', 'w-1', AT, 'comms', { note: '呼叫转移', by: '张警官' })],
  ['escalation station', escalation('e-1', 'w-1', AT, 'station', { station: '柯桥派出所' })],
  ['escalation resolved with outcome', escalation('e-1', 'w-1', AT, 'resolved', { outcome: 'false_alarm' })],
  ['interception, smallest amount', interception('i-1', AT, { amountFen: 1 })],
  ['interception, largest amount, with warning', interception('i-1', AT, { amountFen: 10 ** 13, kind: 'recovery', warningId: 'w-1' })],
  ['case filed with loss', caseEvent('k-1', AT, { count: 3, lossFen: 0 })],
  ['case solved', caseEvent('k-1', AT, { kind: 'solved', count: 10_000 })],
  ['case arrest', caseEvent('k-1', AT, { kind: 'arrest' })],
  ['outreach, one talk', outreach('o-1', AT)],
  ['outreach, the bounds', outreach('o-1', AT, { unit: 'grid', format: 'door_to_door', sessions: 1_000, people: 1_000_000, station: '柯岩街道第2网格' })],
  ['outreach reaching nobody yet', outreach('o-1', AT, { unit: 'volunteer', format: 'media', sessions: 1, people: 0 })],
];

const invalid: [string, unknown, string][] = [
  ['a string', 'hello', 'event: must be a JSON object'],
  ['an array', [], 'event: must be a JSON object'],
  ['null', null, 'event: must be a JSON object'],
  ['outreach without people', { ...outreach('o-1', AT), people: undefined }, 'people: is required'],
  ['outreach, an unknown unit', outreach('o-1', AT, { unit: 'army' }), 'unit: must be one of police, department, village, grid, volunteer'],
  ['outreach, an unknown format', outreach('o-1', AT, { format: 'poster' }), 'format: must be one of talk, door_to_door, online, media'],
  ['outreach, no sessions', outreach('o-1', AT, { sessions: 0 }), 'sessions: must be at least 1'],
  ['outreach, too many sessions', outreach('o-1', AT, { sessions: 1_001 }), 'sessions: must be at most 1000'],
  ['outreach, fractional people', outreach('o-1', AT, { people: 1.5 }), 'people: must be an integer'],
  ['outreach, too many people', outreach('o-1', AT, { people: 1_000_001 }), 'people: must be at most 1000000'],
  ['outreach, people as text', outreach('o-1', AT, { people: '120' }), 'people: must be a number'],
  ['outreach, a phone for a station', outreach('o-1', AT, { station: '13812345678派出所' }), 'station: must not hold three or more digits'],
  ['outreach, an unknown field', outreach('o-1', AT, { victim: { phone: '13812341234' } }), 'victim'],
  ['unknown type', warning('w-1', AT, { type: 'rumour' }), 'type: must be one of warning, contact, escalation, interception, case, outreach'],
  ['missing type', { ...warning('w-1', AT), type: undefined }, 'type: must be one of'],
  ['missing id', { ...warning('w-1', AT), id: undefined }, 'id: is required'],
  ['empty id', warning('', AT), 'id: must be 1–64 characters'],
  ['65-char id', warning('a'.repeat(65), AT), 'id: must be 1–64 characters'],
  ['id with a space', warning('w 1', AT), 'id: must be 1–64 characters'],
  ['id with a slash', warning('w/1', AT), 'id: must be 1–64 characters'],
  ['numeric id', warning(7 as unknown as string, AT), 'id: must be a string'],
  ['missing at', { ...warning('w-1', AT), at: undefined }, 'at: is required'],
  ['at without offset', warning('w-1', '2026-11-27T09:30:00'), 'at: must be an RFC 3339 time with offset'],
  ['at as a date', warning('w-1', '2026-11-27'), 'at: must be an RFC 3339 time with offset'],
  ['at as epoch', warning('w-1', 1795777890 as unknown as string), 'at: must be a string'],
  ['at in the far future', warning('w-1', '2026-11-27T10:05:01+08:00'), 'at: is more than 5 minutes in the future'],
  ['county of another city', warning('w-1', AT, { county: '330102' }), 'county: 330102 is not a county of region shaoxing'],
  ['county not 6 digits', warning('w-1', AT, { county: '3306' }), 'county: must be a 6-digit adcode'],
  ['missing county', { ...warning('w-1', AT), county: undefined }, 'county: is required'],
  ['unknown extra field', warning('w-1', AT, { extra: 1 }), 'extra: is not a known field'],
  ['__proto__ field', JSON.parse(JSON.stringify(warning('w-1', AT)).replace('{', '{"__proto__":{"x":1},')), '__proto__: is not a known field'],
  ['bad source', warning('w-1', AT, { source: 'national' }), 'source: must be one of province, city'],
  ['bad level', warning('w-1', AT, { level: 'critical' }), 'level: must be one of high, medium, low'],
  ['bad fraud type', warning('w-1', AT, { fraudType: 'phishing' }), 'fraudType: must be one of rebate'],
  ['missing victim', { ...warning('w-1', AT), victim: undefined }, 'victim: is required'],
  ['4-digit phone', warning('w-1', AT, { victim: { phone: '1234' } }), 'victim.phone: must be 5–20 digits'],
  ['21-digit phone', warning('w-1', AT, { victim: { phone: '1'.repeat(21) } }), 'victim.phone: must be 5–20 digits'],
  ['phone with a dash', warning('w-1', AT, { victim: { phone: '138-1234-1234' } }), 'victim.phone: must be 5–20 digits'],
  ['numeric phone', warning('w-1', AT, { victim: { phone: 13812341234 } }), 'victim.phone: must be a string'],
  ['33-char name', warning('w-1', AT, { victim: { phone: '13812341234', name: '欧'.repeat(33) } }), 'victim.name: must be at most 32 characters'],
  ['extra victim field', warning('w-1', AT, { victim: { phone: '13812341234', idCard: 'x' } }), 'victim.idCard: is not a known field'],
  ['contact without warningId', { ...contact('c-1', 'w-1', AT), warningId: undefined }, 'warningId: is required'],
  ['contact with bad warningId', contact('c-1', 'w 1', AT), 'warningId: must be 1–64 characters'],
  ['contact with bad result', contact('c-1', 'w-1', AT, { result: 'busy' }), 'result: must be one of dissuaded, not_deceived, unreachable'],
  ['contact with bad channel', contact('c-1', 'w-1', AT, { channel: 'wechat' }), 'channel: must be one of 96110, local_call, sms'],
  ['contact with warning fields', contact('c-1', 'w-1', AT, { level: 'high' }), 'level: is not a known field'],
  ['escalation with bad step', escalation('e-1', 'w-1', AT, 'opened'), 'step: must be one of comms, station, grid, resolved'],
  ['resolved without outcome', escalation('e-1', 'w-1', AT, 'resolved'), 'outcome: is required when step is resolved'],
  ['outcome before resolution', escalation('e-1', 'w-1', AT, 'station', { outcome: 'dissuaded' }), 'outcome: is only allowed when step is resolved'],
  ['bad outcome', escalation('e-1', 'w-1', AT, 'resolved', { outcome: 'fine' }), 'outcome: must be one of dissuaded, loss, false_alarm'],
  ['65-char station', escalation('e-1', 'w-1', AT, 'station', { station: 'x'.repeat(65) }), 'station: must be at most 64 characters'],
  ['501-char note', escalation('e-1', 'w-1', AT, 'comms', { note: 'x'.repeat(501) }), 'note: must be at most 500 characters'],
  ['65-char by', escalation('e-1', 'w-1', AT, 'comms', { by: 'x'.repeat(65) }), 'by: must be at most 64 characters'],
  ['bad interception kind', interception('i-1', AT, { kind: 'refund' }), 'kind: must be one of stop_payment, recovery'],
  ['zero amount', interception('i-1', AT, { amountFen: 0 }), 'amountFen: must be at least 1'],
  ['amount above 10^13', interception('i-1', AT, { amountFen: 10 ** 13 + 1 }), 'amountFen: must be at most 10000000000000'],
  ['fractional amount', interception('i-1', AT, { amountFen: 1.5 }), 'amountFen: must be an integer'],
  ['amount as text', interception('i-1', AT, { amountFen: '100' }), 'amountFen: must be a number'],
  ['bad case kind', caseEvent('k-1', AT, { kind: 'closed' }), 'kind: must be one of filed, solved, arrest'],
  ['zero count', caseEvent('k-1', AT, { count: 0 }), 'count: must be at least 1'],
  ['count above 10,000', caseEvent('k-1', AT, { count: 10_001 }), 'count: must be at most 10000'],
  ['negative loss', caseEvent('k-1', AT, { lossFen: -1 }), 'lossFen: must be at least 0'],
  ['loss on a solved case', caseEvent('k-1', AT, { kind: 'solved', lossFen: 5 }), 'lossFen: is only allowed when kind is filed'],
];

describe('event schema', () => {
  it.each(valid)('accepts %s', (_name, event) => {
    expect(errorsOf(event)).toEqual([]);
  });

  it.each(invalid)('rejects %s, naming the field', (_name, event, expected) => {
    const errors = errorsOf(event);
    expect(errors.some((e) => e.startsWith(expected))).toBe(true);
  });

  it('returns the event id with a rejection when the id itself is valid', () => {
    expect(validate(warning('w-9', AT, { level: 'x' }))).toMatchObject({ ok: false, id: 'w-9' });
    expect(validate(warning('w 9', AT))).not.toHaveProperty('id');
  });

  it('lists every problem of an event, not just the first', () => {
    expect(errorsOf(warning('w-1', AT, { level: 'x', source: 'y' }))).toHaveLength(2);
  });
});
