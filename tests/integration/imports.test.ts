import { readFileSync } from 'node:fs';
import type { Balance, FactoryFile, ImportJob, ImportSummary, Item, Page } from '@factory/shared';
import { useImportWait } from '../../functions/src/usecases/importJobs.js';
import { DEMO_FACTORY_FILE } from '../../functions/local/runtime.js';
import { errorOf, startApi, type Api } from './harness.js';

let api: Api;
let admin: string;
const demo = () =>
  JSON.parse(readFileSync(DEMO_FACTORY_FILE, 'utf8')) as Record<string, unknown[]> & {
    items: Record<string, unknown>[];
  };

beforeAll(async () => {
  api = await startApi();
  admin = await api.token('admin', 'wwimport1');
});
afterAll(() => api.close());

it('refuses a bad file whole, listing every problem with its path, and writes nothing', async () => {
  const file = demo();
  file.items[0]!.defaultWarehouse = 'NOWHERE';
  file.items[1]!.safetyStock = 12; // a JSON number, not a decimal string
  (file.items[2] as Record<string, unknown>).colour = 'blue';
  const boms = file.boms as { parent: string; lines: { component: string }[] }[];
  // Close a loop: the first sub-assembly now contains its own finished good.
  const sub = boms.find((b) => b.parent.startsWith('SA-'))!;
  const parentOfSub = boms.find((b) => b.lines.some((l) => l.component === sub.parent))!;
  sub.lines.push({ component: parentOfSub.parent, qtyPer: '1' } as never);

  const shape = await api.call('POST', '/api/imports', { token: admin, body: file });
  expect(shape.status).toBe(400);
  expect(errorOf(shape).issues!.map((i) => i.path.join('.'))).toEqual(
    expect.arrayContaining(['body.items.1.safetyStock', 'body.items.2.colour']),
  );

  file.items[1]!.safetyStock = '12';
  delete (file.items[2] as Record<string, unknown>).colour;
  const semantic = await api.call('POST', '/api/imports', { token: admin, body: file });
  expect(semantic.status).toBe(400);
  const issues = errorOf(semantic).issues!;
  expect(issues.map((i) => i.path.join('.'))).toContain('body.items.0.defaultWarehouse');
  const cycle = issues.find((i) => i.message.includes('循环'));
  // Reported from where the search entered the loop: either rotation names the same cycle.
  expect([
    `${sub.parent} > ${parentOfSub.parent} > ${sub.parent}`,
    `${parentOfSub.parent} > ${sub.parent} > ${parentOfSub.parent}`,
  ]).toContain(cycle?.message.split('：')[1]);

  const items = await api.call<Page<Item>>('GET', '/api/items', { token: admin });
  expect(items.body.items).toEqual([]);
});

it('imports the demo factory, then refuses it again as a conflict', async () => {
  const res = await api.call<ImportSummary>('POST', '/api/imports', { token: admin, body: demo() });
  expect(res.status).toBe(201);
  expect(res.body.counts.items).toBe(demo().items.length);
  expect(res.body.stockDocument).toMatch(/^RC-/);

  // The file does not flag what may be sold: the end items are (no BOM uses them).
  const sellable = await api.call<Page<Item>>('GET', '/api/items?sellable=true&limit=200', {
    token: admin,
  });
  expect(sellable.body.items.map((i) => i.code)).toEqual([
    'FG-BS40YJ',
    'FG-FS40',
    'FG-FS40R',
    'FG-TS40',
  ]);

  const fg = await api.call<Page<Balance>>('GET', '/api/stock/balances?warehouse=FG', {
    token: admin,
  });
  expect(fg.body.items.length).toBeGreaterThan(0);
  const inspection = await api.call<Page<Balance>>('GET', '/api/stock/balances?warehouse=QC', {
    token: admin,
  });
  for (const b of inspection.body.items) expect(b.status).toBe('inspection');

  const again = await api.call('POST', '/api/imports', { token: admin, body: demo() });
  expect(again.status).toBe(409);
  expect(errorOf(again).code).toBe('import.conflict');
});

it('lists the imported orders with their partners named (the file gives codes only)', async () => {
  const file = demo() as unknown as FactoryFile;
  const names = new Map(file.partners.map((p) => [p.code, p.name]));
  type Row = { no: string } & Record<string, string>;
  const list = async (path: string) =>
    (await api.call<Page<Row>>('GET', path, { token: admin })).body.items;
  const sales = await list('/api/sales-orders?limit=200');
  expect(sales.length).toBe(file.salesOrders!.length);
  for (const o of sales) expect(o.customerName).toBe(names.get(o.customer!));
  const purchases = await list('/api/purchase-orders?limit=200');
  expect(purchases.length).toBeGreaterThan(0);
  for (const o of purchases) expect(o.supplierName).toBe(names.get(o.supplier!));
  const outsourcing = await list('/api/outsourcing-orders?limit=200');
  expect(outsourcing.length).toBeGreaterThan(0);
  for (const o of outsourcing) expect(o.subcontractorName).toBe(names.get(o.subcontractor!));

  // One order read alone is named the same way.
  const one = await api.call<Row>('GET', `/api/sales-orders/${sales[0]!.no}`, { token: admin });
  expect(one.body.customerName).toBe(names.get(sales[0]!.customer!));
  const po = await api.call<Row>('GET', `/api/purchase-orders/${purchases[0]!.no}`, {
    token: admin,
  });
  expect(po.body.supplierName).toBe(names.get(purchases[0]!.supplier!));
});

it('is for admins only', async () => {
  const res = await api.call('POST', '/api/imports', {
    token: await api.token('lina', 'wwimport1'),
    body: demo(),
  });
  expect(res.status).toBe(403);
});

describe('an import that outlasts the request (a job)', () => {
  afterEach(() => useImportWait(undefined));

  it('answers 202 with the job, which is read until it completes; refusals still come at once', async () => {
    useImportWait(0);
    const token = await api.token('admin', 'wwimport2');
    const bad = demo();
    bad.items[0]!.defaultWarehouse = 'NOWHERE';
    const refused = await api.call('POST', '/api/imports', { token, body: bad });
    expect(refused.status).toBe(400);

    const accepted = await api.call<ImportJob>('POST', '/api/imports', { token, body: demo() });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ status: 'running', by: 'admin' });
    const id = accepted.body.importId;

    let job = accepted.body;
    for (let n = 0; job.status === 'running' && n < 200; n++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = (await api.call<ImportJob>('GET', `/api/imports/${id}`, { token })).body;
    }
    expect(job).toMatchObject({ importId: id, status: 'completed' });
    expect(job.summary!.counts.items).toBe(demo().items.length);
    expect(job.summary!.stockDocument).toMatch(/^RC-/);
    const items = await api.call<Page<Item>>('GET', '/api/items?limit=200', { token });
    expect(items.body.items).toHaveLength(demo().items.length);

    // Another import of the same file is refused at once: its codes exist now.
    const again = await api.call('POST', '/api/imports', { token, body: demo() });
    expect(again.status).toBe(409);
    expect(errorOf(again).code).toBe('import.conflict');
  });

  it("answers 404 for an unknown job and for another tenant's, 400 for a malformed id", async () => {
    const token = await api.token('admin', 'wwimport3');
    expect(
      (await api.call('GET', '/api/imports/01ZZZZZZZZZZZZZZZZZZZZZZZZ', { token })).status,
    ).toBe(404);
    const owner = await api.token('admin', 'wwimport4');
    const done = await api.call<ImportSummary>('POST', '/api/imports', {
      token: owner,
      body: demo(),
    });
    expect(done.status).toBe(201);
    const path = `/api/imports/${done.body.importId}`;
    const own = await api.call<ImportJob>('GET', path, { token: owner });
    expect(own.body).toMatchObject({ status: 'completed', summary: done.body });
    expect((await api.call('GET', path, { token })).status).toBe(404);
    const malformed = await api.call('GET', '/api/imports/a%20b', { token });
    expect(malformed.status).toBe(400);
    expect(errorOf(malformed).issues![0]!.path).toEqual(['params', 'id']);
  });
});
