import { parse } from 'csv-parse/sync';
import { readXlsxRows, writeXlsx, type Rows, type SheetSpec } from './xlsx.js';

export type { Rows, SheetSpec };

/** A sheet as text cells, the first row the header. Blank rows are kept (row numbers matter). */
export async function readRows(format: 'csv' | 'xlsx', content: Buffer): Promise<Rows> {
  if (format === 'csv') {
    // Excel saves CSV with a BOM in zh-CN locales; strip it so the first header matches.
    const text = content.toString('utf8').replace(/^\uFEFF/, '');
    return parse(text, { relax_column_count: true, skip_empty_lines: false }) as Rows;
  }
  return readXlsxRows(content);
}

export async function writeWorkbook(sheets: SheetSpec[]): Promise<Buffer> {
  return writeXlsx(sheets);
}
