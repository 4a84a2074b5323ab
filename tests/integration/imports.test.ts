import { readFileSync } from 'node:fs';
import type { ImportSummary, Item, Page, Balance } from '@factory/shared';
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

it('is for admins only', async () => {
  const res = await api.call('POST', '/api/imports', {
    token: await api.token('lina', 'wwimport1'),
    body: demo(),
  });
  expect(res.status).toBe(403);
});
