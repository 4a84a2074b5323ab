import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { parseCsv } from './csv.js';

/** What csv-parse answered for BOM sheets: its records, or that it refused the text. */
function csvParse(text: string): string[][] | 'refused' {
  try {
    return parse(text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch {
    return 'refused';
  }
}
function ours(text: string): string[][] | 'refused' {
  try {
    return parseCsv(text);
  } catch {
    return 'refused';
  }
}

describe('parseCsv', () => {
  it.each([
    ['a,b\n\nc', [['a', 'b'], [''], ['c']]],
    ['a,b\r\n\r\nc,d\r\n', [['a', 'b'], [''], ['c', 'd']]],
    [
      '"a""b",c\n"x\ny",z',
      [
        ['a"b', 'c'],
        ['x\ny', 'z'],
      ],
    ],
    [
      'a,b,\n,',
      [
        ['a', 'b', ''],
        ['', ''],
      ],
    ],
    ['a\rb', [['a'], ['b']]],
    ['', []],
    ['""', [['']]],
  ])('reads %j', (text, rows) => {
    expect(parseCsv(text)).toEqual(rows);
  });

  it.each(['a,"b"c', 'a,b"c', '"a', ' "a",b', '"a" ,b'])('refuses %j, naming the line', (text) => {
    expect(() => parseCsv(text)).toThrow(/Quote.*line 1/);
  });

  it('reads what csv-parse read, and refuses what it refused', () => {
    const piece = fc.constantFrom('a', 'b', ' ', ',', '"', '""', '\n', '\r\n', '中');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const text = pieces.join('');
        // csv-parse takes the first line ending it meets for all; sheets use one kind.
        if (text.includes('\r\n') && /(^|[^\r])\n/.test(text)) return;
        expect(ours(text)).toEqual(csvParse(text));
      }),
      { numRuns: 3000 },
    );
  });
});
