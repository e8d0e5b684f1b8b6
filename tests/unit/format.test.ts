import { describe, expect, it } from 'vitest';
import { maskDigitRuns, maskName, maskPhone } from '../../shared/format/mask';
import { maskEvent } from '../../shared/format/mask-event';
import { formatStamp } from '../../client/format/clock';
import { explainReadFailure, explainRefusal } from '../../client/console/refusal';
import { formatCount, formatPeople } from '../../shared/format/count';
import { fenToWan, formatMoney } from '../../shared/format/money';
import type { FraudEvent } from '../../shared/schema/events';

describe('masking', () => {
  it('shows a mobile number as 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });
  it('never shows more than four digits of a short number', () => {
    expect(maskPhone('96110')).toBe('9****');
    expect(maskPhone('0575123')).toBe('05****23');
  });
  it('masks every run of five or more digits in free text, separators and full-width digits included', () => {
    expect(maskDigitRuns('柯桥派出所 13955556666')).toBe('柯桥派出所 139****6666');
    expect(maskDigitRuns('139-5555-7777 或 139 5555 8888')).toBe('139****7777 或 139****8888');
    expect(maskDigitRuns('１３９５５５５６６６６')).toBe('１３９****６６６６');
    expect(maskDigitRuns('第2派出所 电话110')).toBe('第2派出所 电话110');
    // Digits a single space, dot or dash apart are one run: that is how numbers are typed.
    expect(maskDigitRuns('0575 1234')).toBe('05****34');
    expect(maskDigitRuns('12345')).toBe('1****');
  });
  it('shows a name as its surname and one mask', () => {
    expect(maskName('刘洋')).toBe('刘*');
    expect(maskName('欧阳娜娜')).toBe('欧*');
    expect(maskName('Li Lei')).toBe('L*');
  });
  it('masks the victim of a warning and drops operator notes from an escalation', () => {
    const warning = maskEvent({
      id: 'w', type: 'warning', at: '2026-11-27T09:00:00+08:00', county: '330603', source: 'city', level: 'low',
      fraudType: 'loan', victim: { phone: '13912345678', name: '张三' },
    } as FraudEvent);
    expect(JSON.stringify(warning)).not.toContain('13912345678');
    expect(JSON.stringify(warning)).not.toContain('张三');
    expect(warning).toMatchObject({ victim: { phone: '139****5678', name: '张*' } });
    const step = maskEvent({
      id: 'e', type: 'escalation', at: '2026-11-27T09:00:00+08:00', county: '330603', warningId: 'w', step: 'comms',
      note: '机主13912345678呼叫转移', by: '王警官',
    } as FraudEvent);
    expect(step).not.toHaveProperty('note');
    expect(step).not.toHaveProperty('by');
  });
});

describe('money', () => {
  it('shows 万元 or 亿元 as leadership reads them', () => {
    // 万元 below ¥1 亿, 亿元 from it; two decimals and thousands separators at every size.
    expect(formatMoney(12_345)).toBe('0.01万元');
    expect(formatMoney(1_000_000)).toBe('1.00万元');
    expect(formatMoney(125_000_000)).toBe('125.00万元');
    expect(formatMoney(9_999_000_000)).toBe('9,999.00万元');
    expect(formatMoney(9_999_999_999)).toBe('1.00亿元');
    expect(formatMoney(10_000_000_000)).toBe('1.00亿元');
    expect(formatMoney(1_000_000_000_000)).toBe('100.00亿元');
    expect(formatMoney(1_000_000_000_000_000)).toBe('100,000.00亿元');
    expect(formatMoney(258_000_000_000)).toBe('25.80亿元');
    expect(formatCount(10_000_000)).toBe('10,000,000');
  });
  it('shows people in full up to 99,999, then in 万 with one decimal', () => {
    expect(formatPeople(99_999)).toBe('99,999');
    expect(formatPeople(100_000)).toBe('10.0万');
    expect(formatPeople(4_685_033)).toBe('468.5万');
    expect(formatPeople(123_456_789)).toBe('12,345.7万');
  });
  it('converts 分 to 万元', () => {
    expect(fenToWan(100 * 10_000 * 3)).toBe(3);
  });
});

describe('console wording', () => {
  it('dates a time of another local day, and only then', () => {
    const now = Date.parse('2026-11-27T00:10:00+08:00');
    expect(formatStamp(Date.parse('2026-11-27T00:05:00+08:00'), now, 'Asia/Shanghai')).toBe('00:05:00');
    expect(formatStamp(Date.parse('2026-11-26T23:55:00+08:00'), now, 'Asia/Shanghai')).toBe('11月26日 23:55:00');
    // The day is the center's, not the screen's: 23:55 in Shanghai is still the 26th in UTC.
    expect(formatStamp(Date.parse('2026-11-26T23:55:00+08:00'), now, 'UTC')).toBe('15:55:00');
  });

  it('explains every refusal in Chinese', () => {
    for (const status of [0, 400, 404, 409, 413, 429, 503, 500]) {
      const text = explainRefusal(status, 'the escalation of w-1 is already at station; comms would not move it forward');
      expect(text).toMatch(/[\u4e00-\u9fff]/);
      expect(text).not.toMatch(/escalation|would not/);
    }
    expect(explainRefusal(409, 'the escalation of w-1 is already resolved')).toContain('办结');
    expect(explainReadFailure(503)).toContain('繁忙');
  });
});
