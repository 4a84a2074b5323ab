import { readXlsxRows, writeXlsx } from './xlsx.js';
import { readZip, writeZip } from './zip.js';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** A workbook as other writers make it: given parts, everything else minimal. */
function workbook(sheetXml: string, sharedXml?: string): Buffer {
  const rels =
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>' +
    '<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/>' +
    '</Relationships>';
  return writeZip([
    [
      'xl/workbook.xml',
      Buffer.from(
        `<workbook xmlns="${MAIN}" xmlns:r="x"><sheets><sheet name="BOM" sheetId="3" r:id="rId7"/></sheets></workbook>`,
      ),
    ],
    ['xl/_rels/workbook.xml.rels', Buffer.from(rels)],
    ['xl/worksheets/data.xml', Buffer.from(`<worksheet xmlns="${MAIN}">${sheetXml}</worksheet>`)],
    ...(sharedXml ? [['xl/strings.xml', Buffer.from(sharedXml)] as [string, Buffer]] : []),
  ]);
}

describe('XLSX', () => {
  it('reads back what it writes: text, numbers, booleans, blanks, several sheets', () => {
    const file = writeXlsx([
      {
        name: 'BOM展开',
        columns: [{ header: '层级', width: 6 }, { header: '物料编码' }, { header: '需求' }],
        rows: [
          [0, 'LAMP', '5'],
          [1, '  A & <B> "C"  ', 0.1],
          [2, '', true],
        ],
      },
      { name: '汇总', columns: [{ header: 'x' }], rows: [] },
    ]);
    expect(readXlsxRows(file)).toEqual([
      ['层级', '物料编码', '需求'],
      ['0', 'LAMP', '5'],
      ['1', 'A & <B> "C"', '0.1'],
      ['2', '', 'true'],
    ]);
    const parts = readZip(file);
    expect(parts.get('xl/worksheets/sheet1.xml')!.toString()).toContain('state="frozen"');
    expect(parts.get('xl/styles.xml')!.toString()).toContain('<b/>');
  });

  it('reads shared and inline strings, rich text, formulas, errors and gaps as exceljs did', () => {
    const shared =
      `<sst xmlns="${MAIN}"><si><t> component </t></si>` +
      '<si><r><t>BU</t></r><r><rPr><b/></rPr><t xml:space="preserve">LB </t></r><rPh><t>ブ</t></rPh></si>' +
      '<si><t>&#x4E3B;&amp;灯</t></si></sst>';
    const sheet =
      '<sheetData>' +
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>qtyPer</t></is></c></row>' +
      '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="C2"><f>1+1</f><v>2</v></c><c r="D2" t="e"><v>#N/A</v></c></row>' +
      '<row r="4" spans="1:2"><c r="B4" t="str"><f>"x"</f><v> y </v></c><c t="b"><v>1</v></c></row>' +
      '<row r="5"/>' +
      '<row r="6"><c r="A6" t="s"><v>2</v></c><c r="B6"><v>1.5E-2</v></c></row>' +
      '</sheetData>';
    expect(readXlsxRows(workbook(sheet, shared))).toEqual([
      ['component', 'qtyPer'],
      ['BULB ', '', '2', '#N/A'],
      [],
      ['', 'y', 'true'],
      [],
      ['主&灯', '0.015'],
    ]);
  });

  it('refuses what is not an XLSX workbook', () => {
    expect(() => readXlsxRows(Buffer.from('component,qtyPer\n'))).toThrow(/not a ZIP/);
    expect(() => readXlsxRows(writeZip([['a.txt', Buffer.from('x')]]))).toThrow(/not an XLSX/);
  });
});
