import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';

/** A sheet as text cells, the first row the header. Blank rows are kept (row numbers matter). */
export type Rows = string[][];

export async function readRows(format: 'csv' | 'xlsx', content: Buffer): Promise<Rows> {
  if (format === 'csv') {
    // Excel saves CSV with a BOM in zh-CN locales; strip it so the first header matches.
    const text = content.toString('utf8').replace(/^\uFEFF/, '');
    return parse(text, { relax_column_count: true, skip_empty_lines: false }) as Rows;
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: Rows = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    rows[n - 1] = cells.map((c) => c ?? '');
  });
  return Array.from({ length: rows.length }, (_, i) => rows[i] ?? []);
}

/** Numbers keep their decimal text ("0.1", not 0.1000000000000000055...). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object' && 'result' in value)
    return cellText(value.result as ExcelJS.CellValue);
  if (typeof value === 'object' && 'richText' in value)
    return value.richText.map((t) => t.text).join('');
  if (typeof value === 'object' && 'text' in value) return String(value.text);
  return String(value).trim();
}

export type SheetSpec = {
  name: string;
  columns: { header: string; width?: number }[];
  rows: (string | number | boolean)[][];
};

export async function writeWorkbook(sheets: SheetSpec[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'factory-erp';
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = spec.columns.map((c) => ({ header: c.header, width: c.width ?? 14 }));
    sheet.getRow(1).font = { bold: true };
    for (const row of spec.rows) sheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
