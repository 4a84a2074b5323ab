import { jest } from '@jest/globals';
import type {
  Balance,
  BomVersion,
  FactoryFile,
  ImportSummary,
  Page,
  StockDocument,
} from '@factory/shared';
import { clockStartingAt, getDeps, type Clock } from '../../functions/src/deps.js';
import { TEST_NOW } from '../testClock.js';
import { errorOf, startApi, type Api } from './harness.js';

/**
 * A factory too large for the records it used to be stored in: 5,200 opening stock lines
 * (one receipt, far above one 400 KB item), a BOM of 3,000 lines with notes (over 350 KB),
 * 2,000 sales order lines (one order of 1,000). Imported through the API, checked in the
 * store afterwards; then imported again with the store failing part way through the opening
 * stock, and resumed by importing the same file again.
 */
const PARTS = 5_200;
const BOM_LINES = 3_000;
const code = (i: number) => `P${String(i).padStart(5, '0')}`;
const qtyOf = (i: number) => String((i % 97) + 1);

function bigFactory(): FactoryFile {
  const parts = Array.from({ length: PARTS }, (_, k) => k + 1);
  return {
    format: 'factory/1',
    runDate: '2026-12-01',
    calendar: { nonWorkingWeekdays: [6, 7], holidays: [] },
    warehouses: [
      { code: 'RM', name: '原料仓', kind: 'normal' },
      { code: 'FG', name: '成品仓', kind: 'normal' },
      { code: 'QC', name: '待检仓', kind: 'inspection' },
    ],
    partners: [
      { code: 'S1', name: '供应商1', roles: ['supplier'] },
      { code: 'C1', name: '客户1', roles: ['customer'] },
    ],
    items: [
      {
        code: 'FG-BIG',
        name: '大型成品',
        unit: 'pcs',
        precision: 0,
        source: 'manufactured',
        strategy: 'mts',
        leadTimeDays: 3,
        safetyStock: '0',
        lotSizing: { rule: 'lotForLot' },
        defaultWarehouse: 'FG',
      },
      ...parts.map((i) => ({
        code: code(i),
        name: `零件${i}`,
        unit: 'pcs',
        precision: 0,
        source: 'purchased' as const,
        strategy: 'mts' as const,
        leadTimeDays: 5,
        safetyStock: '0',
        lotSizing: { rule: 'lotForLot' as const },
        defaultWarehouse: 'RM',
        defaultSupplier: 'S1',
      })),
    ],
    boms: [
      {
        parent: 'FG-BIG',
        version: 'V1',
        lines: parts.slice(0, BOM_LINES).map((i) => ({
          component: code(i),
          qtyPer: '1',
          lossRate: '0.01',
          position: `POS-${i}`,
          note: `第 ${i} 行：装配前检查外观与尺寸，按工艺卡紧固`,
        })),
      },
    ],
    stock: [
      ...parts.map((i) => ({ item: code(i), warehouse: 'RM', qty: qtyOf(i) })),
      ...parts.slice(0, 100).map((i) => ({
        item: code(i),
        warehouse: 'QC',
        qty: '2',
        status: 'inspection' as const,
      })),
    ],
    salesOrders: [
      {
        no: 'SO-BIG',
        customer: 'C1',
        lines: parts
          .slice(0, 1_000)
          .map((i) => ({ item: code(i), qty: '3', dueDate: '2026-12-20' })),
      },
      ...Array.from({ length: 100 }, (_, n) => ({
        no: `SO-${String(n + 1).padStart(3, '0')}`,
        customer: 'C1',
        lines: Array.from({ length: 10 }, (_, k) => ({
          item: k === 0 ? 'FG-BIG' : code(2_000 + n * 10 + k),
          qty: '1',
          dueDate: '2026-12-28',
        })),
      })),
    ],
  };
}

const STOCK_LINES = PARTS + 100;

/** The test clock, which a test may move on (a lock's lease running out). */
let skipped = 0;
const base: Clock = clockStartingAt(TEST_NOW);
const clock: Clock = { now: () => new Date(base.now().getTime() + skipped) };

let api: Api;

// Two imports of 5,300 items each, one resumed, and the checks: longer than most tests.
jest.setTimeout(180_000);

beforeAll(async () => {
  api = await startApi({ clock });
});
afterAll(() => api.close());

async function balancesOf(token: string, warehouse: string): Promise<Balance[]> {
  const out: Balance[] = [];
  let cursor: string | null | undefined;
  do {
    const res = await api.call<Page<Balance>>(
      'GET',
      `/api/stock/balances?warehouse=${warehouse}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      { token },
    );
    expect(res.status).toBe(200);
    out.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return out;
}

/** Every balance as the file says: each part once in RM, the first 100 also in QC. */
async function expectOpeningStock(token: string): Promise<void> {
  const rm = await balancesOf(token, 'RM');
  expect(rm).toHaveLength(PARTS);
  for (const b of rm) expect(b.qty).toBe(qtyOf(Number(b.item.slice(1))));
  const qc = await balancesOf(token, 'QC');
  expect(qc).toHaveLength(100);
  expect(qc.every((b) => b.qty === '2' && b.status === 'inspection')).toBe(true);
}

it('imports a factory with 5,300 opening stock lines, a 3,000-line BOM and 2,000 sales lines', async () => {
  const admin = await api.token('admin', 'wwbig01');
  const res = await api.call<ImportSummary>('POST', '/api/imports', {
    token: admin,
    body: bigFactory(),
  });
  expect([res.status, res.status === 201 ? '' : JSON.stringify(res.body)]).toEqual([201, '']);
  expect(res.body.counts).toMatchObject({ items: PARTS + 1, stockLines: STOCK_LINES, boms: 1 });
  const no = res.body.stockDocument!;
  expect(no).toMatch(/^RC-/);

  const doc = await api.call<StockDocument>('GET', `/api/stock/documents/${no}`, {
    token: admin,
  });
  expect(doc.status).toBe(200);
  expect(doc.body.status).toBe('posted');
  expect(doc.body.moves).toHaveLength(STOCK_LINES);
  expect(doc.body.moves.map((m) => m.lineNo)).toEqual(
    Array.from({ length: STOCK_LINES }, (_, i) => i + 1),
  );
  await expectOpeningStock(admin);

  const bom = await api.call<BomVersion>('GET', '/api/boms/FG-BIG/versions/V1', { token: admin });
  expect(bom.status).toBe(200);
  expect(bom.body.lines).toHaveLength(BOM_LINES);
  expect(bom.body.lines[BOM_LINES - 1]).toMatchObject({
    component: code(BOM_LINES),
    position: `POS-${BOM_LINES}`,
  });

  // Planning reads all of it: the big sales order's lines are demand, the BOM explodes.
  const planner = await api.token('lina', 'wwbig01');
  const run = await api.call<{ runId: string }>('POST', '/api/mrp/runs', {
    token: planner,
    body: { runDate: '2026-12-01' },
  });
  expect(run.status).toBe(202);
  await api.runtime.workflows.idle();
  const finished = await api.call<{ status: string; counts: Record<string, number> }>(
    'GET',
    `/api/mrp/runs/${run.body.runId}`,
    { token: planner },
  );
  expect(finished.body.status).toBe('completed');
  expect(finished.body.counts.salesOrderLines).toBe(2_000);
  const planned = await api.call<{ plannedOrders: { item: string; qty: string }[] }>(
    'GET',
    `/api/mrp/planned-orders?item=${code(1)}`,
    { token: planner },
  );
  // P00001: 2 in stock, 3 on SO-BIG, 100 × 1.01 for the 100 FG-BIG sold: short.
  expect(planned.body.plannedOrders.length).toBeGreaterThan(0);
});

it('resumes an import that stopped part way when the same file is imported again', async () => {
  const admin = await api.token('admin', 'wwbig02');
  const db = getDeps().db as unknown as {
    send: (command: object, ...rest: unknown[]) => Promise<unknown>;
  };
  const send = db.send.bind(db);
  // The store goes away after 30 transactions: in the middle of the opening stock posting.
  let transactions = 0;
  db.send = (command, ...rest) => {
    if (command.constructor.name === 'TransactWriteCommand' && ++transactions > 30)
      return Promise.reject(new Error('simulated outage: the store is unreachable'));
    return send(command, ...rest);
  };
  let first;
  try {
    first = await api.call('POST', '/api/imports', { token: admin, body: bigFactory() });
  } finally {
    db.send = send;
  }
  // The request answers with the job, whose worker stopped part way (it resumes later).
  expect(first.status).toBe(202);
  expect(first.body).toMatchObject({
    status: 'running',
    interrupted: { message: 'simulated outage: the store is unreachable' },
  });

  // Straight away the stopped import still holds the tenant's lock.
  const early = await api.call('POST', '/api/imports', { token: admin, body: bigFactory() });
  expect(early.status).toBe(409);
  expect(errorOf(early).code).toBe('import.inProgress');

  // Once its lease has run out, the same file resumes it: nothing is reported as a conflict.
  skipped += 61_000;
  const again = await api.call<ImportSummary>('POST', '/api/imports', {
    token: admin,
    body: bigFactory(),
  });
  expect([again.status, again.status === 201 ? '' : JSON.stringify(again.body)]).toEqual([201, '']);
  const doc = await api.call<StockDocument>(
    'GET',
    `/api/stock/documents/${again.body.stockDocument}`,
    {
      token: admin,
    },
  );
  expect(doc.body.status).toBe('posted');
  expect(doc.body.moves).toHaveLength(STOCK_LINES);
  // Posted once: every balance is what the file says, not twice that.
  await expectOpeningStock(admin);

  // Imported and finished: the same file again is a conflict, as any second import is.
  const third = await api.call('POST', '/api/imports', { token: admin, body: bigFactory() });
  expect(third.status).toBe(409);
  expect(errorOf(third).code).toBe('import.conflict');
});
