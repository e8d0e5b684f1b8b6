// GET /api/v1/stats.xlsx and /api/v1/stats.csv (issue 27): the period against last year, the
// counties with their index, rates and figures, the months — read back with a spreadsheet
// reader (ExcelJS) and compared with GET /api/v1/stats; Chinese headers; a UTF-8 CSV with its
// byte-order mark; each download audited; a bad period refused naming the field.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stats } from '../../shared/protocol/stats';
import { caseEvent, contact, interception, outreach, SHAOXING, warning } from '../fixtures/events';
import { storedRows } from '../support/stored';
import { ManualClock, startServer, type TestServer } from '../support/test-server';

const clock = new ManualClock(Date.parse('2026-11-27T12:00:00+08:00'));
let server: TestServer;
const QUERY = 'from=2026-01-01&to=2026-11-27';

beforeAll(async () => {
  server = await startServer({ clock });
  await server.ingest([
    warning('x-w1', '2026-03-02T10:00:00+08:00'),
    contact('x-c1', 'x-w1', '2026-03-02T10:03:00+08:00'),
    interception('x-i1', '2026-03-02T11:00:00+08:00', { amountFen: 12_345_678 }),
    caseEvent('x-k1', '2026-05-02T10:00:00+08:00', { count: 3, lossFen: 500_000 }),
    caseEvent('x-k2', '2025-05-02T10:00:00+08:00', { count: 6, lossFen: 800_000 }),
    outreach('x-o1', '2026-06-02T10:00:00+08:00', { sessions: 2, people: 300, county: SHAOXING.zhuji }),
  ]);
});
afterAll(() => server.destroy());

const download = (path: string) => fetch(`${server.url}${path}`);
const stats = async () => (await (await download(`/api/v1/stats?${QUERY}&groupBy=month&compare=previous_year`)).json()) as Stats;
const rowsOf = (sheet: ExcelJS.Worksheet) => sheet.getSheetValues().slice(1).map((row) => (row as ExcelJS.CellValue[]).slice(1));

describe('statistics exports', () => {
  it('gives an xlsx with the period against last year, the counties and the months, equal to the stats', async () => {
    const response = await download(`/api/v1/stats.xlsx?${QUERY}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('绍兴市反诈统计_2026-01-01_2026-11-27.xlsx')}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['本期与去年同期', '区县', '逐月', '说明']);
    const api = await stats();

    const summary = rowsOf(workbook.getWorksheet('本期与去年同期')!);
    expect(summary[0]).toEqual(['指标', '本期', '去年同期', '同比(%)']);
    expect(summary).toContainEqual(['立案数', 3, 6, -50]);
    // Last year stopped nothing: no change to give, the cell left empty.
    expect(summary).toContainEqual(['紧急止付(万元)', 12.35, 0]);
    expect(summary).toContainEqual(['宣讲场次', 2, 0]);

    const counties = rowsOf(workbook.getWorksheet('区县')!);
    expect(counties[0]?.slice(0, 10)).toEqual(['区县', '行政区划代码', '常住人口(万人)', '反诈指数', '劝阻成功率(权重25%)', '10分钟内首呼(权重20%)', '高危按时办结(权重20%)', '人均挽损(权重15%)', '万人立案(权重10%)', '万人宣讲(权重10%)']);
    expect(counties).toHaveLength(1 + api.counties.length);
    const keqiao = api.counties.find((c) => c.adcode === SHAOXING.keqiao)!;
    const row = counties.find((r) => r[1] === SHAOXING.keqiao)!;
    expect(row.slice(0, 4)).toEqual(['柯桥区', SHAOXING.keqiao, 109, keqiao.index.score]);
    expect(row[counties[0]!.indexOf('立案数')]).toBe(3);
    expect(row[counties[0]!.indexOf('万人立案')]).toBe(keqiao.casesPer10k);

    const months = rowsOf(workbook.getWorksheet('逐月')!);
    expect(months.map((r) => r[0])).toEqual(['月份', ...api.buckets.map((b) => b.key)]);
    const may = months.find((r) => r[0] === '2026-05')!;
    expect(may[months[0]!.indexOf('立案数')]).toBe(3);
    expect(may[months[0]!.indexOf('去年同期立案数')]).toBe(6);
  });

  it('gives the same tables as one CSV that Excel and WPS read as UTF-8', async () => {
    const response = await download(`/api/v1/stats.csv?${QUERY}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split(/\r?\n/);
    expect(lines[0]).toBe('本期与去年同期');
    expect(lines[1]).toBe('指标,本期,去年同期,同比(%)');
    expect(lines).toContain('立案数,3,6,-50');
    expect(lines).toContain('区县');
    expect(lines.find((line) => line.startsWith('柯桥区,330603,109,'))).toBeDefined();
  });

  it('keeps to the scope, records each download in the audit trail and refuses a bad period naming the field', async () => {
    const zhuji = new ExcelJS.Workbook();
    await zhuji.xlsx.load(await (await download(`/api/v1/stats.xlsx?${QUERY}&scope=${SHAOXING.zhuji}`)).arrayBuffer());
    expect(rowsOf(zhuji.getWorksheet('区县')!).slice(1).map((r) => r[0])).toEqual(['诸暨市']);
    // The same download again within the minute is not another record (one a minute per viewer, scope and address).
    expect((await download(`/api/v1/stats.xlsx?${QUERY}`)).status).toBe(200);
    const audit = await storedRows<{ object: string; scope: string }>(server, "SELECT object, scope FROM audit WHERE action = 'export' ORDER BY seq");
    expect(audit).toEqual([
      { object: 'stats-xlsx 2026-01-01..2026-11-27', scope: '330600' },
      { object: 'stats-csv 2026-01-01..2026-11-27', scope: '330600' },
      { object: 'stats-xlsx 2026-01-01..2026-11-27', scope: SHAOXING.zhuji },
    ]);
    expect(await (await download('/api/v1/stats.xlsx?from=2026-02-01&to=2026-01-01')).json()).toEqual({ error: 'to: must not be before from' });
    expect((await download('/api/v1/stats.csv?to=2026-01-01')).status).toBe(400);
  });
});
