import { readFileSync } from 'node:fs';
import { AppError, type PeriodFile, zPeriodFile } from '@factory/shared';
import type { CostingSetup } from '../../functions/src/cli/cost/port.js';
import { loadPeriodFile } from '../../functions/src/cli/cost/load.js';
import { demoSession } from '../../functions/src/auth/demoUsers.js';
import { getDeps } from '../../functions/src/deps.js';
import {
  type CostingInput,
  costPeriod,
  monthPeriod,
} from '../../functions/src/domain/costing/index.js';
import { checkPeriodFile } from '../../functions/src/domain/periodFile/index.js';
import { loadPeriodLedger } from '../../functions/src/usecases/costing/ledger.js';
import { getOutsourcingOrder } from '../../functions/src/usecases/outsourcing/orders.js';
import { getStockDocument, queryBalances } from '../../functions/src/usecases/stock.js';
import { getApproval } from '../../functions/src/usecases/approval/index.js';
import { getPurchaseOrder } from '../../functions/src/usecases/purchasing/orders.js';
import { TEST_NOW } from '../testClock.js';
import { startApi, type Api } from './harness.js';

/**
 * The period file's loader (`cli cost`): SCENARIO.md's example loaded into the local runtime by
 * the product's use cases, read back as costing reads the ledger; costing's own setup recorded
 * by a fake port; refusals named at the event's path in the file.
 */
let api: Api;

beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const example = (): PeriodFile => {
  const raw: unknown = JSON.parse(readFileSync('docs/examples/period-scenario.json', 'utf8'));
  return zPeriodFile.parse(raw);
};

/** A CostingSetup that records what the loader asked of it. */
function fakeCosting() {
  const calls: { method: keyof CostingSetup; input: unknown }[] = [];
  const record =
    (method: keyof CostingSetup) =>
    async (input: unknown): Promise<void> => {
      calls.push({ method, input });
    };
  const setup: CostingSetup = {
    definePool: record('definePool'),
    setOpening: record('setOpening'),
    addExpense: record('addExpense'),
    setWipCount: record('setWipCount'),
  };
  return { setup, calls, of: (m: keyof CostingSetup) => calls.filter((c) => c.method === m) };
}

/** Loads a file that passed its contract and checks, or answers the loader's refusal. */
async function load(tenant: string, file: PeriodFile, costing = fakeCosting().setup) {
  expect(checkPeriodFile(file)).toEqual([]);
  try {
    await loadPeriodFile(getDeps(), tenant, file, costing);
    return undefined;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
}

const row = (m: { kind: string; item: string; qty: string; order?: string }) => [
  m.kind,
  m.item,
  m.qty,
  m.order ?? null,
];

describe("SCENARIO.md's period file", () => {
  const T = 'wwcostload1';
  const costing = fakeCosting();

  beforeAll(async () => {
    const refused = await load(T, example(), costing.setup);
    expect(refused?.issues ?? refused).toBeUndefined();
  });

  it('posts November as costing reads it: own stock only, the transfer moving no value', async () => {
    const ledger = await loadPeriodLedger(getDeps(), T, monthPeriod('2026-11'));
    expect(ledger.moves.map(row)).toEqual([
      ['purchase', 'RM1', '50', null],
      // 30 drawn: the 28 MO-1 needs a standard issue, the 2 beyond a supplementary one.
      ['issue', 'RM1', '-28', 'MO-1'],
      ['issue', 'RM1', '-2', 'MO-1'],
      ['issue', 'RM1', '2', 'MO-1'],
      ['output', 'FG1', '10', 'MO-1'],
      // Into the subcontractor's warehouse: a send to OS-1, the order needing RM1.
      ['transfer', 'RM1', '-20', null],
      ['transfer', 'RM1', '20', null],
      ['output', 'SA1', '100', 'OS-1'],
      ['consume', 'RM1', '-20', 'OS-1'],
      ['delivery', 'FG1', '-4', null],
      ['scrap', 'RM1', '-1', null],
    ]);
    expect(ledger.moves[0]).toMatchObject({ price: '11.00', date: '2026-11-03' });
    // The net issues of MO-1 are 28; none of CS1 (customer-owned) is costing's.
    const net = ledger.moves
      .filter((m) => m.kind === 'issue' && m.order === 'MO-1')
      .reduce((a, m) => a + Number(m.qty), 0);
    expect(net).toBe(-28);
    expect(ledger.moves.some((m) => m.item === 'CS1')).toBe(false);
    // Every move is dated in November: the opening receipt (31 October) is not one of them.
    expect(ledger.moves.every((m) => m.date >= '2026-11-01' && m.date <= '2026-11-30')).toBe(true);

    expect(ledger.orders).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          no: 'MO-1',
          kind: 'task',
          item: 'FG1',
          receivedBefore: '0',
          closedOn: '2026-11-28',
          hours: '8',
        }),
        // 100 received at the break of its order quantity 120: 4.50.
        expect.objectContaining({
          no: 'OS-1',
          kind: 'outsourcing',
          item: 'SA1',
          date: '2026-11-02',
          receivedBefore: '0',
          fee: '450.00',
        }),
      ]),
    );
    expect(ledger.items.find((i) => i.code === 'RM1')).toEqual({ code: 'RM1', llc: 1 });
  });

  it("costs to docs/costing.md's worked November with what costing was handed", async () => {
    const period = monthPeriod('2026-11');
    const ledger = await loadPeriodLedger(getDeps(), T, period);
    const opening = costing.of('setOpening')[0]!.input as CostingInput['opening'];
    const result = costPeriod({
      period,
      ...ledger,
      opening,
      pools: [
        { code: 'labour', basis: 'hours', amount: '1000.00' },
        { code: 'overhead', basis: 'quantity', amount: '0.00' },
      ],
    });
    expect(result.items.find((i) => i.item === 'RM1')).toMatchObject({
      receiptValue: '550.00',
      closingQty: '101',
      closingValue: '1043.67',
    });
    expect(result.orders.find((o) => o.no === 'MO-1')).toMatchObject({
      material: '289.33',
      completed: '1539.33',
    });
    expect(result.orders.find((o) => o.no === 'OS-1')).toMatchObject({ completed: '656.67' });
    expect(result.reconciliation.difference).toBe('0.00');
  });

  it("December's settlement of OS-1 is a value-only adjustment of SA1 there", async () => {
    const ledger = await loadPeriodLedger(getDeps(), T, monthPeriod('2026-12'));
    expect(ledger.moves).toEqual([
      expect.objectContaining({
        kind: 'adjustment',
        item: 'SA1',
        value: '20.00',
        date: '2026-12-10',
      }),
    ]);
  });

  it('hands costing its pools, the opening values and WIP, and the expense', () => {
    expect(costing.of('definePool').map((c) => c.input)).toEqual([
      { code: 'labour', name: '直接人工', basis: 'hours' },
      { code: 'overhead', name: '制造费用', basis: 'quantity' },
    ]);
    expect(costing.of('setOpening').map((c) => c.input)).toEqual([
      {
        period: '2026-11',
        stock: [{ item: 'RM1', qty: '100', value: '1000.00' }],
        wip: [{ order: 'MO-1', material: '200.00', pools: { labour: '50.00' } }],
      },
    ]);
    expect(costing.of('addExpense').map((c) => c.input)).toEqual([
      { period: '2026-11', pool: 'labour', amount: '1000.00', date: '2026-11-30' },
    ]);
    expect(costing.of('setWipCount')).toEqual([]);
  });

  it('the business clock is given back', () => {
    expect(Math.abs(getDeps().clock.now().getTime() - TEST_NOW.getTime())).toBeLessThan(600_000);
  });
});

it('a count of customer-owned stock counts the customer’s balance, not costing’s', async () => {
  const T = 'wwcostload6';
  const file = example();
  // 50 at the opening, 40 received, 5 given back: 85 on hand, 84 counted.
  file.events.push({
    date: '2026-11-29',
    kind: 'countAdjustment',
    lines: [{ item: 'CS1', warehouse: 'CS', diff: '-1' }],
  });
  const refused = await load(T, file);
  expect(refused?.issues ?? refused).toBeUndefined();
  const balances = await queryBalances(getDeps(), demoSession('admin', T)!, {
    item: 'CS1',
    warehouse: 'CS',
    includeZero: 'false',
    limit: 10,
  });
  expect(balances.items.map((b) => [b.customer, b.qty])).toEqual([['C1', '84']]);
  const ledger = await loadPeriodLedger(getDeps(), T, monthPeriod('2026-11'));
  expect(ledger.moves.some((m) => m.item === 'CS1')).toBe(false);
});

it('a production receipt with no work report before it is received (the file states it)', async () => {
  const T = 'wwcostload8';
  const file = example();
  file.events = file.events.filter((e) => e.kind !== 'workReport');
  const refused = await load(T, file);
  expect(refused?.issues ?? refused).toBeUndefined();
  const ledger = await loadPeriodLedger(getDeps(), T, monthPeriod('2026-11'));
  expect(ledger.moves.filter((m) => m.kind === 'output').map(row)).toEqual([
    ['output', 'FG1', '10', 'MO-1'],
    ['output', 'SA1', '100', 'OS-1'],
  ]);
  // No hours: labour by hours has no basis this month.
  expect(ledger.orders.find((o) => o.no === 'MO-1')).toMatchObject({ hours: '0' });
});

it('an issue naming an outsourcing order sends to its subcontractor, as the transfer would', async () => {
  const T = 'wwcostload9';
  const file = example();
  const i = file.events.findIndex((e) => e.kind === 'transfer');
  file.events[i] = {
    date: '2026-11-07',
    kind: 'issue',
    order: 'OS-1',
    lines: [{ item: 'RM1', warehouse: 'RM', qty: '20' }],
  };
  const refused = await load(T, file);
  expect(refused?.issues ?? refused).toBeUndefined();
  const ledger = await loadPeriodLedger(getDeps(), T, monthPeriod('2026-11'));
  expect(ledger.moves.filter((m) => m.date === '2026-11-07').map(row)).toEqual([
    ['transfer', 'RM1', '-20', null],
    ['transfer', 'RM1', '20', null],
  ]);
  expect(ledger.moves.filter((m) => m.order === 'OS-1').map(row)).toEqual([
    ['output', 'SA1', '100', 'OS-1'],
    ['consume', 'RM1', '-20', 'OS-1'],
  ]);
});

it('a made-to-order product is delivered out of its stock as it is, tracked or not', async () => {
  const T = 'wwcostload10';
  const file = example();
  const fg = file.items.find((i) => i.code === 'FG1')!;
  fg.strategy = 'mto';
  file.taskOrders = file.taskOrders!.map((o) => ({ ...o, trackingNo: 'SO-9' }));
  const refused = await load(T, file);
  expect(refused?.issues ?? refused).toBeUndefined();
  const ledger = await loadPeriodLedger(getDeps(), T, monthPeriod('2026-11'));
  expect(ledger.moves.filter((m) => m.kind === 'delivery').map(row)).toEqual([
    ['delivery', 'FG1', '-4', null],
  ]);
});

it('leftover material comes back from a completed order (退料 after 完工)', async () => {
  const T = 'wwcostload11';
  const file = example();
  file.events.push({
    date: '2026-11-27',
    kind: 'return',
    order: 'MO-1',
    lines: [{ item: 'RM1', warehouse: 'RM', qty: '1' }],
  });
  const refused = await load(T, file);
  expect(refused?.issues ?? refused).toBeUndefined();
  const ledger = await loadPeriodLedger(getDeps(), T, monthPeriod('2026-11'));
  expect(ledger.moves.filter((m) => m.kind === 'issue').map(row)).toEqual([
    ['issue', 'RM1', '-28', 'MO-1'],
    ['issue', 'RM1', '-2', 'MO-1'],
    ['issue', 'RM1', '2', 'MO-1'],
    ['issue', 'RM1', '1', 'MO-1'],
  ]);
});

describe('refusals at the event’s path in the file', () => {
  it('an issue beyond the stock: the shortage at the line’s quantity', async () => {
    const file = example();
    // Before MO-1's receipt: all of it beyond the need (a supplementary issue), approved, and
    // its posting short of stock.
    file.events.push({
      date: '2026-11-05',
      kind: 'issue',
      order: 'MO-1',
      lines: [{ item: 'RM1', warehouse: 'RM', qty: '500' }],
    });
    const refused = await load('wwcostload2', file);
    expect(refused?.code).toBe('request.invalid');
    expect(refused?.issues).toEqual([
      { path: ['events', 14, 'lines', 0, 'qty'], message: expect.stringContaining('库存不足') },
    ]);
  });

  it('a return of more than was issued: the use case’s message at the line’s quantity', async () => {
    const file = example();
    file.events.push({
      date: '2026-11-03',
      kind: 'return',
      order: 'MO-1',
      lines: [{ item: 'RM1', warehouse: 'RM', qty: '5' }],
    });
    const refused = await load('wwcostload5', file);
    expect(refused?.issues).toEqual([
      { path: ['events', 14, 'lines', 0, 'qty'], message: expect.any(String) },
    ]);
    expect(refused?.message).toContain('events.14.lines.0.qty');
  });

  it('a transfer into the subcontractor’s warehouse no open order needs', async () => {
    const file = example();
    // Listed first, dated after the transfer of RM1 that OS-1 takes.
    file.events.unshift({
      date: '2026-11-08',
      kind: 'transfer',
      lines: [{ item: 'FG1', from: 'FG', to: 'W1', qty: '1' }],
    });
    const refused = await load('wwcostload3', file);
    expect(refused?.issues).toEqual([
      {
        path: ['events', 0, 'lines', 0, 'to'],
        message: expect.stringContaining('没有需要 FG1 的未完成委外订单'),
      },
    ]);
  });
});

describe('a file of its own: supplementary issue, purchase return, count, WIP count', () => {
  const T = 'wwcostload4';
  const costing = fakeCosting();
  const item = (code: string, extra: Record<string, unknown>) => ({
    code,
    name: `物料${code}`,
    unit: 'pcs',
    precision: 0,
    source: 'purchased' as const,
    strategy: 'mts' as const,
    leadTimeDays: 0,
    safetyStock: '0',
    lotSizing: { rule: 'lotForLot' as const },
    defaultWarehouse: 'RM',
    ...extra,
  });
  const file: PeriodFile = zPeriodFile.parse({
    format: 'period/1',
    periods: ['2026-11'],
    warehouses: [
      { code: 'RM', name: '原料仓', kind: 'normal' },
      { code: 'W2', name: '外协厂2', kind: 'subcontractor', partner: 'W2' },
    ],
    partners: [
      { code: 'S1', name: '供应商1', roles: ['supplier'] },
      { code: 'W2', name: '外协厂2', roles: ['subcontractor'] },
    ],
    items: [
      item('FG2', { source: 'manufactured', costCoefficient: '1.5' }),
      item('SA2', { source: 'outsourced', defaultSupplier: 'W2' }),
      item('RM2', { defaultSupplier: 'S1' }),
    ],
    boms: [
      { parent: 'FG2', version: 'V1', lines: [{ component: 'RM2', qtyPer: '1' }] },
      { parent: 'SA2', version: 'V1', lines: [{ component: 'RM2', qtyPer: '1' }] },
    ],
    taskOrders: [
      { no: 'MO-2', item: 'FG2', qty: '5', startDate: '2026-11-02', dueDate: '2026-11-20' },
    ],
    outsourcingOrders: [
      {
        no: 'OS-2',
        supplier: 'W2',
        item: 'SA2',
        qty: '3',
        startDate: '2026-11-02',
        dueDate: '2026-11-20',
      },
    ],
    pools: [{ code: 'overhead', basis: 'quantity' }],
    events: [
      // File order is not date order: the WIP count comes first in the file.
      { date: '2026-11-30', kind: 'wipCount', order: 'MO-2', qty: '5' },
      {
        date: '2026-11-02',
        kind: 'purchaseReceipt',
        supplier: 'S1',
        lines: [{ item: 'RM2', warehouse: 'RM', qty: '20', price: '3.00' }],
      },
      {
        date: '2026-11-03',
        kind: 'issue',
        order: 'MO-2',
        lines: [{ item: 'RM2', warehouse: 'RM', qty: '8' }],
      },
      {
        date: '2026-11-04',
        kind: 'purchaseReturn',
        supplier: 'S1',
        // Two lines out of the same receipt line: one line of the return.
        lines: [
          { item: 'RM2', warehouse: 'RM', qty: '1', price: '3' },
          { item: 'RM2', warehouse: 'RM', qty: '1', price: '3.00' },
        ],
      },
      // 4 sent to OS-2 (it needs 3: one supplementary), 1 back from the subcontractor.
      {
        date: '2026-11-04',
        kind: 'transfer',
        lines: [
          { item: 'RM2', from: 'RM', to: 'W2', qty: '2' },
          { item: 'RM2', from: 'RM', to: 'W2', qty: '2' },
        ],
      },
      {
        date: '2026-11-04',
        kind: 'transfer',
        lines: [{ item: 'RM2', from: 'W2', to: 'RM', qty: '1' }],
      },
      {
        date: '2026-11-05',
        kind: 'countAdjustment',
        lines: [{ item: 'RM2', warehouse: 'RM', diff: '-1' }],
      },
    ],
  });

  beforeAll(async () => {
    const refused = await load(T, file, costing.setup);
    expect(refused?.issues ?? refused).toBeUndefined();
  });

  it('posts them through the product and costing reads them', async () => {
    const ledger = await loadPeriodLedger(getDeps(), T, monthPeriod('2026-11'));
    expect(ledger.moves.map(row)).toEqual([
      ['purchase', 'RM2', '20', null],
      ['issue', 'RM2', '-5', 'MO-2'],
      // Beyond MO-2's need of 5: a supplementary issue, approved by the manager.
      ['issue', 'RM2', '-3', 'MO-2'],
      // Back to the supplier at the returned receipt's price.
      ['purchase', 'RM2', '-2', null],
      // 2 + 2 to OS-2, which needs 3: 2 standard, then 1 standard and 1 supplementary.
      ['transfer', 'RM2', '-2', null],
      ['transfer', 'RM2', '2', null],
      ['transfer', 'RM2', '-1', null],
      ['transfer', 'RM2', '1', null],
      ['transfer', 'RM2', '-1', null],
      ['transfer', 'RM2', '1', null],
      ['transfer', 'RM2', '-1', null],
      ['transfer', 'RM2', '1', null],
      // Counted 20 − 8 − 2 − 3 − 1 = 6.
      ['count', 'RM2', '-1', null],
    ]);
    expect(ledger.moves[3]).toMatchObject({ price: '3.00' });
    // The sends and the material return are OS-2's: 4 sent, 1 back.
    const os2 = await getOutsourcingOrder(getDeps(), demoSession('admin', T)!, 'OS-2');
    expect(os2.components).toEqual([expect.objectContaining({ item: 'RM2', sent: '3' })]);
    expect(ledger.items.find((i) => i.code === 'FG2')).toMatchObject({ costCoefficient: '1.5' });
  });

  it('hands costing the WIP count and an empty opening', () => {
    expect(costing.of('setWipCount').map((c) => c.input)).toEqual([
      { period: '2026-11', order: 'MO-2', qty: '5' },
    ]);
    expect(costing.of('setOpening').map((c) => c.input)).toEqual([
      { period: '2026-11', stock: [], wip: [] },
    ]);
    expect(costing.of('definePool').map((c) => c.input)).toEqual([
      { code: 'overhead', basis: 'quantity' },
    ]);
  });
});

it('an order above the approval threshold is approved; an event with more lines than a document takes is posted in several', async () => {
  const T = 'wwcostload7';
  const file = zPeriodFile.parse({
    format: 'period/1',
    periods: ['2026-11'],
    warehouses: [{ code: 'FG', name: '成品仓', kind: 'normal' }],
    partners: [
      { code: 'S1', name: '供应商1', roles: ['supplier'] },
      { code: 'C1', name: '客户1', roles: ['customer'] },
    ],
    items: [
      {
        code: 'P1',
        name: '商品1',
        unit: 'pcs',
        precision: 0,
        source: 'purchased',
        strategy: 'mts',
        leadTimeDays: 0,
        safetyStock: '0',
        lotSizing: { rule: 'lotForLot' },
        defaultWarehouse: 'FG',
      },
    ],
    events: [
      {
        date: '2026-11-02',
        kind: 'purchaseReceipt',
        supplier: 'S1',
        // 60,000.00: above the manager's threshold, so the order is approved before its receipt.
        lines: [{ item: 'P1', warehouse: 'FG', qty: '30', price: '2000.00' }],
      },
      {
        date: '2026-11-03',
        kind: 'delivery',
        customer: 'C1',
        lines: Array.from({ length: 21 }, () => ({ item: 'P1', warehouse: 'FG', qty: '1' })),
      },
    ],
  });
  const refused = await load(T, file);
  expect(refused?.issues ?? refused).toBeUndefined();
  const ledger = await loadPeriodLedger(getDeps(), T, monthPeriod('2026-11'));
  expect(ledger.moves[0]).toMatchObject({ kind: 'purchase', qty: '30', price: '2000.00' });
  const admin = demoSession('admin', T)!;
  const receipt = await getStockDocument(getDeps(), admin, ledger.moves[0]!.doc);
  const order = await getPurchaseOrder(getDeps(), admin, receipt.ref!);
  expect(order.approvalId).toBeDefined();
  const approval = await getApproval(getDeps(), admin, order.approvalId!);
  expect(approval).toMatchObject({ status: 'approved', steps: [{ decidedBy: 'zhoujun' }] });
  const deliveries = ledger.moves.filter((m) => m.kind === 'delivery');
  expect(deliveries).toHaveLength(21);
  // The delivery's limit is 20 lines: two deliveries, 20 and 1.
  expect(new Set(deliveries.map((m) => m.doc)).size).toBe(2);
});
