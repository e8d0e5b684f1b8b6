// Tables written as a workbook (one sheet each, header bold and frozen) or as one CSV (the
// tables one after another, each under its title, with a byte-order mark so Excel and WPS read
// the Chinese as UTF-8). ExcelJS writes both.
import ExcelJS from 'exceljs';
import type { Table } from './stats-tables';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export async function xlsxOf(tables: readonly Table[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'fraudwall';
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.title, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow([...table.header]).font = { bold: true };
    for (const row of table.rows) sheet.addRow([...row]);
    sheet.columns.forEach((column, i) => {
      column.width = Math.min(40, Math.max(10, (table.header[i]?.length ?? 0) * 2 + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function csvOf(tables: readonly Table[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('csv');
  tables.forEach((table, i) => {
    if (i > 0) sheet.addRow([]);
    sheet.addRow([table.title]);
    sheet.addRow([...table.header]);
    for (const row of table.rows) sheet.addRow([...row]);
  });
  return Buffer.concat([BOM, Buffer.from(await workbook.csv.writeBuffer())]);
}
