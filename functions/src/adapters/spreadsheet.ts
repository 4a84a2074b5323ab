import { parseCsv } from './csv.js';
import { readXlsxRows, writeXlsx, type Rows, type SheetSpec } from './xlsx.js';

export type { Rows, SheetSpec };

/** A sheet as text cells, the first row the header. Blank rows are kept (row numbers matter). */
export async function readRows(format: 'csv' | 'xlsx', content: Buffer): Promise<Rows> {
  if (format === 'csv') {
    // Excel saves CSV with a BOM in zh-CN locales; strip it so the first header matches.
    const text = content.toString('utf8').replace(/^\uFEFF/, '');
    return parseCsv(text);
  }
  return readXlsxRows(content);
}

export async function writeWorkbook(sheets: SheetSpec[]): Promise<Buffer> {
  return writeXlsx(sheets);
}
