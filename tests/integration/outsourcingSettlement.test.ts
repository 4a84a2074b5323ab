import type {
  OutsourcingOrder,
  OutsourcingReceipt,
  OutsourcingSettlement,
  OutsourcingStatement,
  StockDocument,
} from '@factory/shared';
import { errorOf, startApi, type Api } from './harness.js';
import { idem, importFactory, shopfloorFile } from './shopfloorHarness.js';

/**
 * The processing fee from receipt to settlement (DOMAIN.md "Outsourcing"): an order of 30 at
 * the break for 20 and more (11.80), two partial receipts accruing their fees in November, the
 * invoice settled in December with its difference as a value-only receipt of the item.
 */
const T = 'wwosset1';
let api: Api;
let planner: string;
let clerk: string;
let no: string;
let first: OutsourcingReceipt;
let second: OutsourcingReceipt;

const call = <R>(method: string, path: string, token: string, body?: unknown) =>
  api.call<R>(method, path, { token, headers: idem(), ...(body !== undefined ? { body } : {}) });

async function ok<R>(method: string, path: string, token: string, body?: unknown): Promise<R> {
  const res = await call<R>(method, path, token, body);
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

beforeAll(async () => {
  api = await startApi();
  const file = shopfloorFile() as ReturnType<typeof shopfloorFile> & Record<string, unknown>;
  file.partners.push({ code: 'W1', name: '外协一', roles: ['subcontractor'] });
  (file.warehouses as Record<string, unknown>[]).push({
    code: 'SUB1',
    name: '外协仓一',
    kind: 'subcontractor',
    partner: 'W1',
  });
  (file.items as Record<string, unknown>[]).push({
    code: 'PAINTED',
    name: '喷涂件',
    unit: 'pcs',
    precision: 0,
    source: 'outsourced',
    strategy: 'mts',
    leadTimeDays: 3,
    safetyStock: '0',
    lotSizing: { rule: 'lotForLot' },
    defaultWarehouse: 'FG',
    defaultSupplier: 'W1',
  });
  (file.boms as Record<string, unknown>[]).push({
    parent: 'PAINTED',
    version: 'V1',
    effectiveFrom: '2026-01-01',
    lines: [{ component: 'BOLT', qtyPer: '2' }],
  });
  await importFactory(api, T, file);
  planner = await api.token('lina', T);
  clerk = await api.token('wangqiang', T);
  for (const [unitPrice, minQty] of [
    ['12.5', '0'],
    ['11.8', '20'],
  ]) {
    await ok('POST', '/api/outsourcing-prices', planner, {
      supplier: 'W1',
      item: 'PAINTED',
      unitPrice,
      minQty,
      effectiveFrom: '2026-01-01',
    });
  }
  const order = await ok<OutsourcingOrder>('POST', '/api/outsourcing-orders', planner, {
    subcontractor: 'W1',
    item: 'PAINTED',
    qty: '30',
    orderDate: '2026-11-20',
    startDate: '2026-11-20',
    dueDate: '2026-11-30',
  });
  no = order.no;
  await ok('POST', `/api/outsourcing-orders/${no}/sends`, clerk, { mode: 'kit', sets: '30' });
});
afterAll(() => api.close());

const receive = (qty: string, date: string) =>
  ok<OutsourcingReceipt>('POST', '/api/outsourcing-receipts', clerk, {
    outsourcingOrder: no,
    qty,
    date,
  });

const yuan = (fen: number) => ({ amount: fen, scale: 2, currency: 'CNY' });

describe('processing fees from receipt to settlement', () => {
  it('two partial receipts accrue at the break of the order quantity', async () => {
    first = await receive('10', '2026-11-25');
    second = await receive('12', '2026-11-28');
    expect(first.fee).toEqual({ qty: '10', unitPrice: '11.8', amount: yuan(11800) });
    expect(second.fee).toEqual({ qty: '12', unitPrice: '11.8', amount: yuan(14160) });
    const order = await ok<OutsourcingOrder>('GET', `/api/outsourcing-orders/${no}`, planner);
    expect(order.accruedFee).toEqual(yuan(25960));
    const nov = await ok<OutsourcingStatement>(
      'GET',
      '/api/outsourcing-statement?subcontractor=W1&month=2026-11',
      planner,
    );
    expect(nov).toMatchObject({
      accrued: yuan(25960),
      invoiced: yuan(0),
      adjustment: yuan(0),
      openAtEnd: yuan(25960),
    });
  });

  it('refuses bad settlements naming each line; nothing written', async () => {
    const bad = await call('POST', '/api/outsourcing-settlements', planner, {
      subcontractor: 'S1',
      invoiceNo: 'INV-1',
      date: '2026-12-03',
      lines: [
        { receipt: first.document.no, amount: '1.234' },
        { receipt: 'RC-NOPE', amount: '1' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).issues!.map((i) => i.path.join('.'))).toEqual(['body.lines.0.amount']);
    const wrong = await call('POST', '/api/outsourcing-settlements', planner, {
      subcontractor: 'S1',
      invoiceNo: 'INV-1',
      date: '2026-12-03',
      lines: [
        { receipt: first.document.no, amount: '120' },
        { receipt: 'RC-NOPE', amount: '1' },
      ],
    });
    expect(wrong.status).toBe(400);
    expect(errorOf(wrong).issues!.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['body.subcontractor', 'S1 不是外协厂'],
      ['body.lines.0.receipt', `入库单 ${first.document.no} 属于外协厂 W1 的委外订单 ${no}`],
      ['body.lines.1.receipt', 'RC-NOPE 不是委外入库单'],
    ]);
  });

  it('settles in December: the difference is a value-only receipt of the item in that period', async () => {
    const st = await ok<OutsourcingSettlement>('POST', '/api/outsourcing-settlements', planner, {
      subcontractor: 'W1',
      invoiceNo: 'INV-2026-118',
      date: '2026-12-03',
      lines: [
        { receipt: first.document.no, amount: '120.00' },
        { receipt: second.document.no, amount: '141.60' },
      ],
    });
    expect(st).toMatchObject({
      period: '2026-12',
      accrued: yuan(25960),
      invoiced: yuan(26160),
      adjustment: yuan(200),
    });
    expect(
      st.lines.map((l) => [l.receipt, l.accrued.amount, l.invoiced.amount, l.adjustment.amount]),
    ).toEqual([
      [first.document.no, 11800, 12000, 200],
      [second.document.no, 14160, 14160, 0],
    ]);
    const adj = await ok<StockDocument>(
      'GET',
      `/api/stock/documents/${st.adjustmentDocument}`,
      clerk,
    );
    expect(adj).toMatchObject({ kind: 'receipt', reason: 'costAdjustment', date: '2026-12-03' });
    expect(adj.moves).toEqual([
      expect.objectContaining({ item: 'PAINTED', warehouse: 'FG', qty: '0', value: yuan(200) }),
    ]);
    const again = await call('POST', '/api/outsourcing-settlements', planner, {
      subcontractor: 'W1',
      invoiceNo: 'INV-2026-119',
      date: '2026-12-04',
      lines: [{ receipt: first.document.no, amount: '120.00' }],
    });
    expect(again.status).toBe(400);
    expect(errorOf(again).issues![0]!.message).toBe(
      `入库单 ${first.document.no} 已在 ${st.no} 结算，不能重复结算`,
    );
    const dec = await ok<OutsourcingStatement>(
      'GET',
      '/api/outsourcing-statement?subcontractor=W1&month=2026-12',
      planner,
    );
    expect(dec).toMatchObject({
      accrued: yuan(0),
      invoiced: yuan(26160),
      settledAccrued: yuan(25960),
      adjustment: yuan(200),
      openAtEnd: yuan(0),
    });
    const nov = await ok<OutsourcingStatement>(
      'GET',
      '/api/outsourcing-statement?subcontractor=W1&month=2026-11',
      planner,
    );
    expect(nov.openAtEnd).toEqual(yuan(25960));
  });

  it('settles a whole order: every unsettled receipt up to the invoice date, one amount', async () => {
    const third = await receive('5', '2026-12-05'); // 5 × 11.8 = 59.00
    await receive('3', '2026-12-20'); // after the invoice: not covered
    const either = await call('POST', '/api/outsourcing-settlements', planner, {
      subcontractor: 'W1',
      invoiceNo: 'INV-2026-130',
      date: '2026-12-10',
    });
    expect(either.status).toBe(400);
    expect(errorOf(either).issues!.map((i) => i.path.join('.'))).toEqual(['body.orders']);
    const st = await ok<OutsourcingSettlement>('POST', '/api/outsourcing-settlements', planner, {
      subcontractor: 'W1',
      invoiceNo: 'INV-2026-130',
      date: '2026-12-10',
      orders: [{ order: no, amount: '50.00' }],
    });
    expect(st.lines.map((l) => [l.receipt, l.accrued.amount, l.invoiced.amount])).toEqual([
      [third.document.no, 5900, 5000],
    ]);
    expect(st.adjustment).toEqual(yuan(-900));
    const nothing = await call('POST', '/api/outsourcing-settlements', planner, {
      subcontractor: 'W1',
      invoiceNo: 'INV-2026-131',
      date: '2026-12-15',
      orders: [
        { order: no, amount: '1.00' },
        { order: 'WX-NOPE', amount: '1.00' },
      ],
    });
    expect(nothing.status).toBe(400);
    expect(errorOf(nothing).issues!.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['body.orders.0.order', `委外订单 ${no} 在 2026-12-15 前没有未结算的入库`],
      ['body.orders.1.order', '委外订单不存在：WX-NOPE'],
    ]);
  });
});
