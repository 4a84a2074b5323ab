/**
 * CSV as RFC 4180 and Excel write it, read the way csv-parse read it for BOM sheets
 * (`relax_column_count`, empty lines kept as one empty cell, so row numbers match the sheet):
 * `,` between cells, records ended by CRLF, LF or CR (a last one needs none), `"` around a
 * cell that holds any of them, `""` for a quote inside. A quote anywhere else is an error, as
 * is a quoted cell left open. A few lines instead of csv-parse's 30 KB in the bundle.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  /** Something of the current record was read (an empty quoted cell counts). */
  let open = false;
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (ch === '"' && cell === '') {
      // A quoted cell: up to the first quote that is not doubled.
      const from = line;
      open = true;
      for (i++; ;) {
        if (i >= n) {
          throw new Error(`Quote Not Closed: the cell opened at line ${from} is never closed`);
        }
        const c = text[i]!;
        if (c === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (c === '"') {
          i++;
          break;
        } else {
          if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
          cell += c;
          i++;
        }
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new Error(
          `Invalid Closing Quote: got "${next}" at line ${line} instead of a delimiter or the end of the record`,
        );
      }
    } else if (ch === '"') {
      throw new Error(
        `Invalid Opening Quote: a quote is found on field ${record.length} at line ${line}, value is "${cell}"`,
      );
    } else if (ch === ',') {
      record.push(cell);
      cell = '';
      open = true;
      i++;
    } else if (ch === '\n' || ch === '\r') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      open = false;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
    } else {
      cell += ch;
      open = true;
      i++;
    }
  }
  if (open) {
    record.push(cell);
    records.push(record);
  }
  return records;
}
