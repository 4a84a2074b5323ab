import ExcelJS from 'exceljs';
import type { BomVersion } from '@factory/shared';
import { errorOf, seedBasics, startApi, type Api } from './harness.js';
import { approvedBom, createItems } from './bomHarness.js';

let api: Api;
let engineer: string;

beforeAll(async () => {
  api = await startApi();
  await seedBasics(api);
  engineer = await api.token('wuhao');
  await createItems(api, await api.token('admin'), {
    LAMP: {},
    SHADE: {},
    BULB: { source: 'purchased' },
    BULB2: { source: 'purchased' },
    CORD: { source: 'purchased', unit: 'kg', precision: 3 },
  });
});
afterAll(() => api.close());

async function draft(version: string): Promise<BomVersion> {
  const res = await api.call<BomVersion>('POST', '/api/boms/LAMP/versions', {
    token: engineer,
    body: { version, lines: [{ component: 'BULB', qtyPer: '1' }] },
  });
  expect(res.status).toBe(201);
  return res.body;
}

async function xlsx(rows: (string | number)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('BOM');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

it('replaces a draft’s lines from a CSV with zh-CN headers', async () => {
  const d = await draft('CSV1');
  const csv =
    '\uFEFF子件编码,用量,损耗率,发料方式,替代料,备注\nBULB,2,0.01,倒冲,BULB2:1:1,主灯泡\nCORD,1.5,,手工,,\n\nSHADE,1,,,,\n';
  const res = await api.call<BomVersion>('POST', '/api/boms/LAMP/versions/CSV1/lines-import', {
    token: engineer,
    body: {
      format: 'csv',
      content: Buffer.from(csv).toString('base64'),
      expectedRevision: d.revision,
    },
  });
  expect(res.status).toBe(200);
  expect(res.body.lines).toEqual([
    {
      component: 'BULB',
      qtyPer: '2',
      lossRate: '0.01',
      issueMethod: 'backflush',
      note: '主灯泡',
      substitutes: [{ item: 'BULB2', priority: 1, ratio: '1' }],
    },
    { component: 'CORD', qtyPer: '1.5', lossRate: '0', issueMethod: 'manual', substitutes: [] },
    { component: 'SHADE', qtyPer: '1', lossRate: '0', issueMethod: 'manual', substitutes: [] },
  ]);
});

it('reports every bad row of an XLSX by its sheet row and column, and changes nothing', async () => {
  const d = await draft('XL1');
  const content = await xlsx([
    ['component', 'qtyPer', 'lossRate', 'issueMethod'],
    ['BULB', 1, 0, 'manual'],
    ['NOPE', 1, 0, 'manual'],
    ['SHADE', -2, 0, 'manual'],
    ['CORD', 1, 1.5, 'sometimes'],
    ['BULB', 1, 0, 'manual'],
  ]);
  const res = await api.call('POST', '/api/boms/LAMP/versions/XL1/lines-import', {
    token: engineer,
    body: { format: 'xlsx', content, expectedRevision: d.revision },
  });
  expect(res.status).toBe(400);
  const paths = errorOf(res).issues!.map((i) => i.path.join('.'));
  expect(paths).toEqual(
    expect.arrayContaining(['rows.4.qtyPer', 'rows.5.issueMethod', 'rows.5.lossRate']),
  );
  const semantic = await api.call('POST', '/api/boms/LAMP/versions/XL1/lines-import', {
    token: engineer,
    body: {
      format: 'xlsx',
      content: await xlsx([
        ['component', 'qtyPer'],
        ['BULB', 1],
        ['NOPE', 1],
        ['BULB', 2],
      ]),
      expectedRevision: d.revision,
    },
  });
  expect(errorOf(semantic).issues!.map((i) => i.path.join('.'))).toEqual([
    'rows.3.component',
    'rows.4.component',
  ]);
  const after = await api.call<BomVersion>('GET', '/api/boms/LAMP/versions/XL1', {
    token: engineer,
  });
  expect(after.body.lines).toEqual([expect.objectContaining({ component: 'BULB', qtyPer: '1' })]);
});

it('exports an explosion to XLSX', async () => {
  await approvedBom(api, engineer, 'SHADE', [{ component: 'CORD', qtyPer: '0.2' }]);
  await approvedBom(
    api,
    engineer,
    'LAMP',
    [
      { component: 'SHADE', qtyPer: '1' },
      { component: 'BULB', qtyPer: '2' },
    ],
    'V1',
  );
  const res = await fetch(`${api.url}/api/boms/LAMP/explosion.xlsx?qty=5`, {
    headers: { authorization: `Bearer ${engineer}` },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('BOM展开'));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  const tree = wb.getWorksheet('BOM展开')!;
  const codes = tree
    .getColumn(2)
    .values.slice(2)
    .map((v) => String(v).trim());
  expect(codes).toEqual(['LAMP', 'SHADE', 'CORD', 'BULB']);
  expect(tree.getRow(4).getCell(8).value).toBe('1'); // CORD: 5 x 1 x 0.2
  const flat = wb.getWorksheet('汇总')!;
  expect(flat.rowCount).toBe(4);
});
