import { readZip, writeZip } from './zip.js';

/**
 * XLSX (Office Open XML spreadsheets) as far as BOM sheets need it: the first sheet's cells
 * as text, and workbooks of plain tables with a bold, frozen header row. Written on
 * node:zlib and a few regular expressions over the package's XML parts instead of exceljs,
 * which weighed over 1 MB of the engineering function's bundle (docs/BENCHMARKS.md).
 */

/** A sheet as text cells, the first row the header. Blank rows are kept (row numbers matter). */
export type Rows = string[][];

export type SheetSpec = {
  name: string;
  columns: { header: string; width?: number }[];
  rows: (string | number | boolean)[][];
};

// ---------------------------------------------------------------- reading

/**
 * The first sheet of the workbook (in the workbook's order), every row from the first to the
 * last, each cell as text the way exceljs gave it before: numbers as JavaScript prints them
 * ("0.1"), text trimmed (rich text joined as is), booleans `true` / `false`, a formula's
 * cached result, errors as their code (`#N/A`).
 */
export function readXlsxRows(content: Buffer): Rows {
  const parts = readZip(content);
  const text = (name: string) => {
    const part = parts.get(name);
    return part ? part.toString('utf8') : undefined;
  };
  const workbook = text('xl/workbook.xml');
  if (workbook === undefined) throw new Error('not an XLSX workbook (no xl/workbook.xml)');
  const relations = relationships(text('xl/_rels/workbook.xml.rels') ?? '');

  const firstSheet = /<(?:\w+:)?sheet\b([^>]*)>/.exec(workbook);
  if (!firstSheet) return [];
  const relId = attribute(firstSheet[1]!, 'r:id') ?? attribute(firstSheet[1]!, 'id');
  const target = relations.find((r) => r.id === relId)?.target ?? 'worksheets/sheet1.xml';
  const sheet = text(partName(target));
  if (sheet === undefined) throw new Error(`the workbook's first sheet is missing (${target})`);

  const stringsTarget = relations.find((r) => r.type.endsWith('/sharedStrings'))?.target;
  const shared = sharedStrings(
    text(stringsTarget ? partName(stringsTarget) : 'xl/sharedStrings.xml'),
  );
  return sheetRows(sheet, shared);
}

type Relationship = { id: string; type: string; target: string };

function relationships(xml: string): Relationship[] {
  return [...xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)].map((m) => ({
    id: attribute(m[1]!, 'Id') ?? '',
    type: attribute(m[1]!, 'Type') ?? '',
    target: attribute(m[1]!, 'Target') ?? '',
  }));
}

/** A relationship target of the workbook part: relative to `xl/`, or absolute. */
function partName(target: string): string {
  return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
}

/** Each shared string: plain text trimmed, rich text (runs) joined as is. */
function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  return [...xml.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)].map((m) =>
    stringItem(m[1] ?? ''),
  );
}

/** The text of an `<si>` or `<is>`: its `<t>`s outside phonetic runs (`<rPh>`). */
function stringItem(xml: string): string {
  const body = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  const text = [...body.matchAll(/<(?:\w+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g)]
    .map((t) => unescapeXml(t[1] ?? ''))
    .join('');
  return /<(?:\w+:)?r\b/.test(body) ? text : text.trim();
}

function sheetRows(xml: string, shared: string[]): Rows {
  const data = /<(?:\w+:)?sheetData\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?sheetData>)/.exec(xml);
  const rows: Rows = [];
  let rowNumber = 0;
  for (const row of (data?.[1] ?? '').matchAll(
    /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g,
  )) {
    const r = Number(attribute(row[1]!, 'r'));
    rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
    const cells: string[] = [];
    let column = 0;
    for (const cell of (row[2] ?? '').matchAll(
      /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g,
    )) {
      const ref = attribute(cell[1]!, 'r');
      column = ref ? columnNumber(ref) : column + 1;
      cells[column - 1] = cellText(attribute(cell[1]!, 't') ?? 'n', cell[2] ?? '', shared);
    }
    rows[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
  }
  return Array.from({ length: rows.length }, (_, i) => rows[i] ?? []);
}

function cellText(type: string, xml: string, shared: string[]): string {
  if (type === 'inlineStr') {
    const is = /<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/.exec(xml);
    return is ? stringItem(is[1]!) : '';
  }
  const v = /<(?:\w+:)?v\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?v>)/.exec(xml);
  if (!v) return '';
  const value = unescapeXml(v[1] ?? '');
  switch (type) {
    case 's':
      return shared[Number(value)] ?? '';
    case 'b':
      return value === '1' || value === 'true' ? 'true' : 'false';
    case 'str':
    case 'e':
      return value.trim();
    default: {
      if (value.trim() === '') return '';
      const n = Number(value);
      return Number.isNaN(n) ? value.trim() : String(n);
    }
  }
}

/** `AB12` -> 28. */
function columnNumber(ref: string): number {
  let n = 0;
  for (const ch of /^[A-Za-z]+/.exec(ref)?.[0]?.toUpperCase() ?? '') {
    n = n * 26 + (ch.charCodeAt(0) - 64);
  }
  return n;
}

function attribute(attributes: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name.replace(':', '\\:')}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(
    attributes,
  );
  return m ? unescapeXml(m[2] ?? m[3] ?? '') : undefined;
}

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    switch (e) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return String.fromCodePoint(
          e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10),
        );
    }
  });
}

// ---------------------------------------------------------------- writing

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * A workbook of one sheet per spec: the header row bold and frozen, column widths as given
 * (14 by default), strings as shared strings, numbers and booleans as such.
 */
export function writeXlsx(sheets: SheetSpec[], creator = 'factory-erp'): Buffer {
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const stringIndex = (s: string) => {
    let i = indexOf.get(s);
    if (i === undefined) {
      i = strings.push(s) - 1;
      indexOf.set(s, i);
    }
    return i;
  };

  const sheetParts = sheets.map((spec, n): [string, Buffer] => {
    const header = spec.columns.map((c) => c.header);
    const rows = [header, ...spec.rows].map((row, r) => {
      const cells = row.map((value, c) => {
        const ref = `${columnName(c + 1)}${r + 1}`;
        const style = r === 0 ? ' s="1"' : '';
        if (typeof value === 'number') {
          if (!Number.isFinite(value)) throw new Error(`not a finite number at ${ref}`);
          return `<c r="${ref}"${style}><v>${value}</v></c>`;
        }
        if (typeof value === 'boolean') {
          return `<c r="${ref}"${style} t="b"><v>${value ? 1 : 0}</v></c>`;
        }
        return `<c r="${ref}"${style} t="s"><v>${stringIndex(value)}</v></c>`;
      });
      const rowStyle = r === 0 ? ' s="1" customFormat="1"' : '';
      return `<row r="${r + 1}"${rowStyle}>${cells.join('')}</row>`;
    });
    const cols = spec.columns
      .map(
        (c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? 14}" customWidth="1"/>`,
      )
      .join('');
    const xml =
      `${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">` +
      '<sheetViews><sheetView workbookViewId="0">' +
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
      '</sheetView></sheetViews>' +
      '<sheetFormatPr defaultRowHeight="15"/>' +
      (cols ? `<cols>${cols}</cols>` : '') +
      `<sheetData>${rows.join('')}</sheetData></worksheet>`;
    return [`xl/worksheets/sheet${n + 1}.xml`, Buffer.from(xml, 'utf8')];
  });

  const sheetEntries = sheets
    .map((s, n) => `<sheet name="${escapeXml(s.name)}" sheetId="${n + 1}" r:id="rId${n + 1}"/>`)
    .join('');
  const sheetRels = sheets
    .map(
      (_, n) =>
        `<Relationship Id="rId${n + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${n + 1}.xml"/>`,
    )
    .join('');
  const sheetTypes = sheets
    .map(
      (_, n) =>
        `<Override PartName="/xl/worksheets/sheet${n + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('');
  const text = (s: string) => Buffer.from(XML_HEAD + s, 'utf8');

  return writeZip([
    [
      '[Content_Types].xml',
      text(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          sheetTypes +
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
          '</Types>',
      ),
    ],
    [
      '_rels/.rels',
      text(
        `<Relationships xmlns="${PKG_REL}">` +
          `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
          '</Relationships>',
      ),
    ],
    [
      'docProps/core.xml',
      text(
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
          `<dc:creator>${escapeXml(creator)}</dc:creator></cp:coreProperties>`,
      ),
    ],
    [
      'xl/workbook.xml',
      text(
        `<workbook xmlns="${MAIN}" xmlns:r="${REL}">` +
          `<bookViews><workbookView/></bookViews><sheets>${sheetEntries}</sheets></workbook>`,
      ),
    ],
    [
      'xl/_rels/workbook.xml.rels',
      text(
        `<Relationships xmlns="${PKG_REL}">${sheetRels}` +
          `<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/>` +
          `<Relationship Id="rId${sheets.length + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
          '</Relationships>',
      ),
    ],
    [
      'xl/styles.xml',
      text(
        `<styleSheet xmlns="${MAIN}">` +
          '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>' +
          '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
          '<fills count="2"><fill><patternFill patternType="none"/></fill>' +
          '<fill><patternFill patternType="gray125"/></fill></fills>' +
          '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
          '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
          '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
          '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
          '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
          '</styleSheet>',
      ),
    ],
    ...sheetParts,
    [
      'xl/sharedStrings.xml',
      text(
        `<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">` +
          strings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('') +
          '</sst>',
      ),
    ],
  ]);
}

/** 28 -> `AB`. */
function columnName(n: number): string {
  let name = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) {
    name = String.fromCharCode(65 + ((k - 1) % 26)) + name;
  }
  return name;
}

function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // Characters XML 1.0 cannot carry at all.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
  );
}
