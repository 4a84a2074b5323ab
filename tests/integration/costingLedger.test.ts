import { getDeps } from '../../functions/src/deps.js';
import { carryForward, costPeriod, monthPeriod } from '../../functions/src/domain/costing/index.js';
import { loadPeriodLedger } from '../../functions/src/usecases/costing/ledger.js';
import { startApi, type Api } from './harness.js';
import { idem } from './shopfloorHarness.js';
import { importCostingFactory, postCostingMonth, poster } from './costingHarness.js';

/**
 * A month posted through the API, read back from the ledger for costing and costed: the
 * SCENARIO month's task order part (purchase at a price, issues and a return, hours, a
 * production receipt with backflush, a delivery, scrap, the order closed), whose numbers are
 * worked by hand in docs/costing.md.
 */
const T = 'wwcost0001';
let api: Api;
let token: string;

const post = (path: string, body: Record<string, unknown>, date = '2026-11-03') =>
  poster(api, () => token)(path, body, date);

beforeAll(async () => {
  api = await startApi();
  await importCostingFactory(api, T);
  token = await api.token('admin', T);
});
afterAll(() => api.close());

it('costs a month posted through the API from its ledger, to the cent', async () => {
  const order = { no: await postCostingMonth(api, token) };
  // A December line is not November's.
  await post(
    '/api/stock/issues',
    { reason: 'scrap', lines: [{ item: 'RM1', warehouse: 'RM', qty: '1' }] },
    '2026-12-01',
  );

  const period = monthPeriod('2026-11');
  const ledger = await loadPeriodLedger(getDeps(), T, period);
  expect(ledger.moves.map((m) => [m.kind, m.item, m.qty, m.order ?? null])).toEqual([
    ['purchase', 'RM1', '150', null],
    ['purchase', 'BF', '20', null],
    ['issue', 'RM1', '-30', order.no],
    ['issue', 'RM1', '2', order.no],
    ['output', 'FG1', '10', order.no],
    ['consume', 'BF', '-10', order.no],
    ['delivery', 'FG1', '-4', null],
    ['scrap', 'RM1', '-1', null],
  ]);
  expect(ledger.orders).toEqual([
    expect.objectContaining({
      no: order.no,
      kind: 'task',
      qty: '10',
      receivedBefore: '0',
      hours: '8',
    }),
  ]);
  expect(ledger.items.find((i) => i.code === 'RM1')).toEqual({ code: 'RM1', llc: 1 });

  const result = costPeriod({
    period,
    items: ledger.items,
    opening: { stock: [], wip: [] },
    orders: ledger.orders,
    moves: ledger.moves,
    pools: [{ code: 'labour', basis: 'hours', amount: '1000.00' }],
  });
  // RM1: 1550.00 over the order's net 28 (289.333…), the scrap 1 (10.333…) and closing 121
  // (1250.333…): the one fen left goes to the earliest of the three equal remainders.
  expect(result.items.find((i) => i.item === 'RM1')).toMatchObject({
    receiptValue: '1550.00',
    outValue: '299.67',
    closingValue: '1250.33',
  });
  // Received 10 of 10 (W = 0): 289.34 + 5.00 backflush + 1000.00 labour.
  expect(result.orders[0]).toMatchObject({
    material: '294.34',
    completed: '1294.34',
    unitCost: '129.4340',
  });
  expect(result.reconciliation.difference).toBe('0.00');
});

it('a rework order in the next month: its product moves without value, its cost adjusts it', async () => {
  await post(
    '/api/stock/receipts',
    { reason: 'other', lines: [{ item: 'FG1', warehouse: 'FG', qty: '2', status: 'rejected' }] },
    '2026-12-02',
  );
  const created = await api.call<{ no: string }>('POST', '/api/task-orders/rework', {
    token,
    headers: idem(),
    body: {
      item: 'FG1',
      qty: '2',
      warehouse: 'FG',
      reason: '外观划伤返修',
      lines: [{ item: 'RM1', qty: '1', warehouse: 'RM' }],
      startDate: '2026-12-02',
      dueDate: '2026-12-10',
    },
  });
  expect(created.status).toBe(201);
  const rw = created.body.no;
  await post(`/api/task-orders/${rw}/issues`, {}, '2026-12-03');
  await post('/api/work-reports', { taskOrder: rw, good: '2', hours: '2' }, '2026-12-04');
  await post('/api/production-receipts', { taskOrder: rw, qty: '2' }, '2026-12-04');

  const nov = monthPeriod('2026-11');
  const novLedger = await loadPeriodLedger(getDeps(), T, nov);
  const novResult = costPeriod({
    period: nov,
    ...novLedger,
    opening: { stock: [], wip: [] },
    pools: [{ code: 'labour', basis: 'hours', amount: '1000.00' }],
  });
  const dec = monthPeriod('2026-12');
  const ledger = await loadPeriodLedger(getDeps(), T, dec);
  expect(
    ledger.moves
      .filter((m) => m.date >= '2026-12-03')
      .map((m) => [m.kind, m.item, m.qty, m.order ?? null]),
  ).toEqual([
    ['transfer', 'FG1', '-2', null],
    ['issue', 'RM1', '-1', rw],
    ['transfer', 'FG1', '2', null],
  ]);
  expect(ledger.orders.find((o) => o.no === rw)).toMatchObject({ rework: true, hours: '2' });
  const result = costPeriod({
    period: dec,
    ...ledger,
    opening: carryForward(novResult).opening,
    pools: [{ code: 'labour', basis: 'hours', amount: '20.00' }],
  });
  // RM1 at November's closing average (1250.33 / 121 = 10.3333…): 1 for the repair, 10.33.
  const order = result.orders.find((o) => o.no === rw)!;
  expect(order).toMatchObject({ material: '10.33', completed: '30.33', closingWip: '0.00' });
  // FG1: November closed 6 at 776.60; the repair adds 30.33, V′ = 806.93 over Q′ = 6; the 2
  // rejected ones received by hand come in at 2 × 806.93 / 6 = 268.98.
  expect(result.items.find((i) => i.item === 'FG1')).toMatchObject({
    receiptQty: '2',
    receiptValue: '299.31',
  });
  expect(result.reconciliation.difference).toBe('0.00');
});
