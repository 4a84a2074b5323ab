import type {
  Balance,
  InspectionDisposed,
  InspectionView,
  MrpRun,
  OutsourcingOrder,
  OutsourcingReceipt,
  OutsourcingSettlement,
  OutsourcingTransfer,
  Page,
  PlannedOrders,
  ReleaseResult,
  StockDocument,
} from '@factory/shared';
import { getDeps } from '../../functions/src/deps.js';
import { loadPlanningInput } from '../../functions/src/usecases/mrp/load.js';
import { errorOf, startApi, type Api } from './harness.js';
import { seedUsers } from './salesHarness.js';
import { idem, importFactory, shopfloorFile } from './shopfloorHarness.js';

/**
 * Outsourcing (issue 14, deliverables 1–3): orders by hand and from an MRP release, sends into
 * the subcontractor's warehouse (kit, standard, supplementary) and back, receipts that consume
 * the needs there (cumulative), refusals naming fields, MRP's view of all of it, and an
 * inspected receipt whose rejects go back to the subcontractor.
 */
// A corp the WeCom simulator knows, so the inspectors' notice is delivered.
const T = 'wwdemo01';
let api: Api;
let planner: string;
let clerk: string;
let qc: string;
let supervisor: string;

beforeAll(async () => {
  api = await startApi({ wecom: {} });
  const file = shopfloorFile() as ReturnType<typeof shopfloorFile> & Record<string, unknown>;
  const item = (code: string, extra: Record<string, unknown>) => ({
    code,
    name: `物料${code}`,
    unit: 'pcs',
    precision: 0,
    source: 'outsourced',
    strategy: 'mts',
    leadTimeDays: 3,
    safetyStock: '0',
    lotSizing: { rule: 'lotForLot' },
    defaultWarehouse: 'FG',
    ...extra,
  });
  file.partners.push(
    { code: 'C1', name: '客户一', roles: ['customer'] },
    { code: 'W1', name: '外协一', roles: ['subcontractor'] },
    { code: 'W2', name: '外协二', roles: ['subcontractor'] },
  );
  (file.warehouses as Record<string, unknown>[]).push(
    { code: 'SUB1', name: '外协仓一', kind: 'subcontractor', partner: 'W1' },
    { code: 'SUB2', name: '外协仓二', kind: 'subcontractor', partner: 'W2' },
  );
  (file.items as Record<string, unknown>[]).push(
    // Painted: 2 bolts and 0.5 kg of steel (10 % loss) each, made by W1.
    item('PAINTED', { defaultSupplier: 'W1' }),
    // Plated: 1 bolt each, inspected on receipt from the subcontractor.
    item('PLATED', { defaultSupplier: 'W1' }),
    // Coated: 0.2 kg of paint each; the paint is made to order (tracked by sales order).
    item('COATED', { defaultSupplier: 'W1' }),
    item('PAINT', {
      source: 'purchased',
      strategy: 'mto',
      unit: 'kg',
      precision: 3,
      defaultWarehouse: 'RM',
    }),
  );
  (file.boms as Record<string, unknown>[]).push(
    {
      parent: 'PAINTED',
      version: 'V1',
      effectiveFrom: '2026-01-01',
      lines: [
        { component: 'BOLT', qtyPer: '2' },
        { component: 'STEEL', qtyPer: '0.5', lossRate: '0.1', warehouse: 'LINE' },
      ],
    },
    {
      parent: 'COATED',
      version: 'V1',
      effectiveFrom: '2026-01-01',
      lines: [{ component: 'PAINT', qtyPer: '0.2' }],
    },
    {
      parent: 'PLATED',
      version: 'V1',
      effectiveFrom: '2026-01-01',
      lines: [{ component: 'BOLT', qtyPer: '1' }],
    },
  );
  // Imported: 4 of 10 received already, 12 bolts and 3 kg sent, what is left of them at SUB2.
  file.outsourcingOrders = [
    {
      no: 'WX-IMP',
      supplier: 'W2',
      item: 'PAINTED',
      qty: '10',
      received: '4',
      startDate: '2026-11-25',
      dueDate: '2026-12-08',
      issued: [
        { item: 'BOLT', qty: '12' },
        { item: 'STEEL', qty: '3' },
      ],
    },
  ];
  file.stock.push(
    { item: 'BOLT', warehouse: 'SUB2', qty: '4' },
    { item: 'STEEL', warehouse: 'SUB2', qty: '0.8' },
  );
  file.salesOrders = [
    { no: 'SO-9', customer: 'C1', lines: [{ item: 'PAINTED', qty: '30', dueDate: '2026-12-15' }] },
  ];
  await importFactory(api, T, file);
  await seedUsers(T);
  planner = await api.token('lina', T);
  // Processing prices (委外价格政策): PAINTED at W1 has a break at 20; no price for W2's PLATED.
  for (const [supplier, item, unitPrice, minQty] of [
    ['W1', 'PAINTED', '12.5', '0'],
    ['W1', 'PAINTED', '11.8', '20'],
    ['W2', 'PAINTED', '13', '0'],
    ['W1', 'PLATED', '3.3', '0'],
    ['W1', 'COATED', '8.88', '0'],
  ]) {
    await ok('POST', '/api/outsourcing-prices', planner, {
      supplier,
      item,
      unitPrice,
      minQty,
      effectiveFrom: '2026-01-01',
    });
  }
  clerk = await api.token('wangqiang', T);
  qc = await api.token('zhaomin', T);
  supervisor = await api.token('liuyang', T);
});
afterEach(() => api.runtime.outbox.idle());
afterAll(() => api.close());

const call = <R>(method: string, path: string, token: string, body?: unknown) =>
  api.call<R>(method, path, { token, headers: idem(), ...(body !== undefined ? { body } : {}) });

async function ok<R>(method: string, path: string, token: string, body?: unknown): Promise<R> {
  const res = await call<R>(method, path, token, body);
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const order = (no: string) => ok<OutsourcingOrder>('GET', `/api/outsourcing-orders/${no}`, planner);

async function balances(item: string): Promise<Record<string, string>> {
  const res = await api.call<Page<Balance>>('GET', `/api/stock/balances?item=${item}`, {
    token: clerk,
  });
  return Object.fromEntries(
    res.body.items.map((b) => [`${b.warehouse}/${b.status}`, b.qty] as const),
  );
}

/** What MRP reads of an order: open supply (qty − received) and its component demand. */
async function planning(no: string) {
  const input = await loadPlanningInput(getDeps(), T, '2026-12-01', 60);
  const wo = input.workOrders.find((w) => w.no === no);
  return wo
    ? {
        open: String(Number(wo.qty) - Number(wo.received)),
        needs: Object.fromEntries((wo.needs ?? []).map((n) => [n.item, n.qty])),
      }
    : undefined;
}

const create = (body: Record<string, unknown>, token = planner) =>
  call<OutsourcingOrder>('POST', '/api/outsourcing-orders', token, {
    subcontractor: 'W1',
    item: 'PAINTED',
    qty: '10',
    startDate: '2026-12-02',
    dueDate: '2026-12-10',
    ...body,
  });

describe('outsourcing orders', () => {
  it('by hand: needs copied from the BOM at the start date; listed by status, subcontractor and item', async () => {
    const res = await create({ note: '喷漆' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      origin: 'entry',
      subcontractor: 'W1',
      subcontractorName: '外协一',
      item: 'PAINTED',
      qty: '10',
      received: '0',
      status: 'open',
      bomVersion: 'V1',
      version: 1,
    });
    expect(
      res.body.components.map((c) => [c.item, c.required, c.sent, c.consumed, c.warehouse]),
    ).toEqual([
      ['BOLT', '20', '0', '0', 'RM'],
      ['STEEL', '5.5', '0', '0', 'LINE'],
    ]);
    const list = await ok<Page<OutsourcingOrder>>(
      'GET',
      '/api/outsourcing-orders?status=open&subcontractor=W1&item=PAINTED',
      clerk,
    );
    expect(list.items.map((o) => o.no)).toContain(res.body.no);
    const none = await ok<Page<OutsourcingOrder>>(
      'GET',
      '/api/outsourcing-orders?subcontractor=S1',
      clerk,
    );
    expect(none.items).toEqual([]);
  });

  it('refuses bad input naming each field, and nothing is written', async () => {
    const before = (await ok<Page<OutsourcingOrder>>('GET', '/api/outsourcing-orders', planner))
      .items.length;
    const shape = await create({ qty: '-1', dueDate: '2026-13-01', extra: 1 });
    expect(shape.status).toBe(400);
    expect(
      errorOf(shape)
        .issues!.map((i) => i.path.join('.'))
        .sort(),
    ).toEqual(['body.dueDate', 'body.extra', 'body.qty']);
    const refs = await create({ subcontractor: 'S1', item: 'BOLT', warehouse: 'NOPE' });
    expect(refs.status).toBe(400);
    expect(errorOf(refs).issues!.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['body.subcontractor', '往来单位 S1 不是外协厂'],
      ['body.item', '物料 BOLT 不是委外件，不能开委外订单'],
      ['body.warehouse', '仓库不存在：NOPE'],
    ]);
    const dates = await create({ startDate: '2026-12-12', dueDate: '2026-12-10' });
    expect(dates.status).toBe(400);
    expect(errorOf(dates).issues![0]!.path).toEqual(['body', 'dueDate']);
    const forbidden = await create({}, clerk);
    expect(forbidden.status).toBe(403);
    const after = (await ok<Page<OutsourcingOrder>>('GET', '/api/outsourcing-orders', planner))
      .items.length;
    expect(after).toBe(before);
  });

  it('a subcontractor without a warehouse of its own: the send names toWarehouse, a receipt names every component short', async () => {
    const admin = await api.token('admin', T);
    const partner = await call('POST', '/api/partners', admin, {
      code: 'W3',
      name: '外协三',
      roles: ['subcontractor'],
    });
    expect(partner.status).toBe(201);
    await ok('POST', '/api/outsourcing-prices', planner, {
      supplier: 'W3',
      item: 'PAINTED',
      unitPrice: '13.5',
      effectiveFrom: '2026-01-01',
    });
    const made = (await create({ subcontractor: 'W3', qty: '2' })).body;
    const send = await call('POST', `/api/outsourcing-orders/${made.no}/sends`, clerk, {});
    expect(send.status).toBe(400);
    expect(errorOf(send).issues![0]).toMatchObject({ path: ['body', 'toWarehouse'] });
    const got = await call('POST', '/api/outsourcing-receipts', clerk, {
      outsourcingOrder: made.no,
      qty: '1',
      date: '2026-12-04',
    });
    expect(got.status).toBe(409);
    const shortages = (errorOf(got).details as { shortages: { item: string }[] }).shortages;
    expect(shortages.map((x) => x.item)).toEqual(['BOLT', 'STEEL']);
    expect((await order(made.no)).received).toBe('0');
  });

  it('changes while nothing moved (needs copied again), then closes; cancel refused once sent', async () => {
    const made = (await create({})).body;
    const changed = await ok<OutsourcingOrder>(
      'PATCH',
      `/api/outsourcing-orders/${made.no}`,
      planner,
      { expectedVersion: 1, qty: '4', dueDate: '2026-12-11' },
    );
    expect(changed).toMatchObject({ qty: '4', dueDate: '2026-12-11', version: 2 });
    expect(changed.components.map((c) => c.required)).toEqual(['8', '2.2']);
    const stale = await call('PATCH', `/api/outsourcing-orders/${made.no}`, planner, {
      expectedVersion: 1,
      qty: '5',
    });
    expect(stale.status).toBe(409);
    await ok('POST', `/api/outsourcing-orders/${made.no}/sends`, clerk, {
      lines: [{ item: 'BOLT', qty: '1' }],
    });
    const edit = await call('PATCH', `/api/outsourcing-orders/${made.no}`, planner, { qty: '5' });
    expect(edit.status).toBe(409);
    expect(errorOf(edit).code).toBe('order.invalidState');
    const cancel = await call('POST', `/api/outsourcing-orders/${made.no}/cancel`, planner, {});
    expect(cancel.status).toBe(409);
    const closed = await ok<OutsourcingOrder>(
      'POST',
      `/api/outsourcing-orders/${made.no}/close`,
      planner,
      { reason: '改单' },
    );
    expect(closed).toMatchObject({ status: 'closed', closeReason: '改单' });
    expect(await planning(made.no)).toBeUndefined();
    const send = await call('POST', `/api/outsourcing-orders/${made.no}/sends`, clerk, {});
    expect(send.status).toBe(409);
    // A closed order's material still comes back from the subcontractor.
    const back = await ok<OutsourcingTransfer>(
      'POST',
      `/api/outsourcing-orders/${made.no}/material-returns`,
      clerk,
      { lines: [{ item: 'BOLT', qty: '1' }] },
    );
    expect(back.document).toMatchObject({ kind: 'transfer', reason: 'outsourcingMaterialReturn' });
    expect(back.outsourcingOrder.components[0]).toMatchObject({ sent: '0', atSubcontractor: '0' });
    const fresh = (await create({ qty: '1' })).body;
    const cancelled = await ok<OutsourcingOrder>(
      'POST',
      `/api/outsourcing-orders/${fresh.no}/cancel`,
      planner,
      {},
    );
    expect(cancelled.status).toBe('cancelled');
  });
});

describe('an imported order', () => {
  it('gets its needs on first read, what it was sent spread over them and its opening received counted as used', async () => {
    expect(await planning('WX-IMP')).toEqual({ open: '6', needs: {} });
    const read = await order('WX-IMP');
    expect(read).toMatchObject({ origin: 'import', subcontractor: 'W2', received: '4' });
    expect(
      read.components.map((c) => [c.item, c.required, c.sent, c.consumed, c.atSubcontractor]),
    ).toEqual([
      ['BOLT', '20', '12', '8', '4'],
      ['STEEL', '5.5', '3', '2.2', '0.8'],
    ]);
    expect((await planning('WX-IMP'))!.needs).toEqual({ BOLT: '8', STEEL: '2.5' });
  });

  it('a receipt short of one component names that one only; a smaller one consumes at SUB2', async () => {
    const short = await call('POST', '/api/outsourcing-receipts', clerk, {
      outsourcingOrder: 'WX-IMP',
      qty: '2',
      date: '2026-12-04',
    });
    expect(short.status).toBe(409);
    const shortages = (errorOf(short).details as { shortages: { item: string }[] }).shortages;
    expect(shortages.map((x) => x.item)).toEqual(['STEEL']);
    const got = await ok<OutsourcingReceipt>('POST', '/api/outsourcing-receipts', clerk, {
      outsourcingOrder: 'WX-IMP',
      qty: '1',
      date: '2026-12-04',
    });
    expect(got.consumed.map((c) => [c.item, c.warehouse, c.qty])).toEqual([
      ['BOLT', 'SUB2', '2'],
      ['STEEL', 'SUB2', '0.55'],
    ]);
    expect((await balances('BOLT'))['SUB2/available']).toBe('2');
    expect((await balances('STEEL'))['SUB2/available']).toBe('0.25');
    expect(got.outsourcingOrder.subcontractorWarehouse).toBe('SUB2');
  });
});

describe('from release through sends and receipts', () => {
  let no: string;

  it('an MRP release makes the order; its needs come with the first read', async () => {
    const started = await call<MrpRun>('POST', '/api/mrp/runs', planner, {
      runDate: '2026-12-01',
    });
    expect(started.status).toBe(202);
    await api.runtime.workflows.idle();
    const planned = await ok<PlannedOrders>('GET', '/api/mrp/planned-orders?limit=2000', planner);
    const mine = planned.plannedOrders.find(
      (p) => p.item === 'PAINTED' && p.type === 'outsourcing',
    );
    expect(mine).toMatchObject({ supplier: 'W1' });
    const released = await ok<ReleaseResult>('POST', '/api/mrp/release', planner, {
      ids: [mine!.id],
    });
    expect(released.outsourcingOrders).toHaveLength(1);
    no = released.outsourcingOrders[0]!;
    // MRP explodes the BOM while the order has no stored needs.
    expect(await planning(no)).toEqual({ open: mine!.qty, needs: {} });
    const read = await order(no);
    expect(read).toMatchObject({ origin: 'mrp', subcontractor: 'W1', status: 'open' });
    expect(read.components.map((c) => [c.item, c.required])).toEqual([
      ['BOLT', String(2 * Number(mine!.qty))],
      ['STEEL', (Number(mine!.qty) * 0.55).toFixed(3).replace(/\.?0+$/, '')],
    ]);
    // Stored with the first read: MRP now nets the stored needs.
    expect((await planning(no))!.needs).toEqual({
      BOLT: String(2 * Number(mine!.qty)),
      STEEL: read.components[1]!.required,
    });
  });

  it('refuses a send to a warehouse that is not the subcontractor’s, naming the field', async () => {
    for (const toWarehouse of ['SUB2', 'RM', 'NOPE']) {
      const res = await call('POST', `/api/outsourcing-orders/${no}/sends`, clerk, {
        mode: 'kit',
        sets: '1',
        toWarehouse,
      });
      expect(res.status).toBe(400);
      expect(errorOf(res).issues![0]!.path).toEqual(['body', 'toWarehouse']);
    }
    const kitNoSets = await call('POST', `/api/outsourcing-orders/${no}/sends`, clerk, {
      mode: 'kit',
    });
    expect(kitNoSets.status).toBe(400);
    expect(errorOf(kitNoSets).issues![0]!.path).toEqual(['body', 'sets']);
    expect((await order(no)).documents).toEqual([]);
  });

  it('sends 4 kits into SUB1: a transfer; MRP demand falls by what was sent', async () => {
    const before = await planning(no);
    const sent = await ok<OutsourcingTransfer>(
      'POST',
      `/api/outsourcing-orders/${no}/sends`,
      clerk,
      {
        mode: 'kit',
        sets: '4',
      },
    );
    expect(sent.document).toMatchObject({
      kind: 'transfer',
      reason: 'outsourcingSend',
      ref: no,
      partner: 'W1',
    });
    expect(sent.outsourcingOrder).toMatchObject({ subcontractorWarehouse: 'SUB1' });
    expect(
      sent.outsourcingOrder.components.map((c) => [c.item, c.sent, c.atSubcontractor]),
    ).toEqual([
      ['BOLT', '8', '8'],
      ['STEEL', '2.2', '2.2'],
    ]);
    expect((await balances('BOLT'))['SUB1/available']).toBe('8');
    expect((await balances('STEEL'))['SUB1/available']).toBe('2.2');
    const after = await planning(no);
    expect(after!.open).toBe(before!.open);
    expect(Number(after!.needs.BOLT)).toBe(Number(before!.needs.BOLT) - 8);
    expect(Number(after!.needs.STEEL)).toBeCloseTo(Number(before!.needs.STEEL) - 2.2, 6);
  });

  it('two partial receipts consume at SUB1, cumulative; MRP open supply falls', async () => {
    const supply = Number((await planning(no))!.open);
    const first = await ok<OutsourcingReceipt>('POST', '/api/outsourcing-receipts', clerk, {
      outsourcingOrder: no,
      qty: '3',
      date: '2026-12-04',
    });
    expect(first.consumed).toEqual([
      { item: 'BOLT', warehouse: 'SUB1', qty: '6' },
      { item: 'STEEL', warehouse: 'SUB1', qty: '1.65' },
    ]);
    // The order's price is the break of the order's quantity (not of the receipt's).
    const price = Number((await order(no)).qty) >= 20 ? '11.8' : '12.5';
    expect(first.fee).toEqual({
      qty: '3',
      unitPrice: price,
      amount: { amount: Math.round(3 * Number(price) * 100), scale: 2, currency: 'CNY' },
    });
    expect(first.document).toMatchObject({ kind: 'receipt', reason: 'outsourcing', ref: no });
    expect(first.document.moves[0]).toMatchObject({
      item: 'PAINTED',
      warehouse: 'FG',
      qty: '3',
      status: 'available',
    });
    expect((await balances('BOLT'))['SUB1/available']).toBe('2');
    expect((await balances('STEEL'))['SUB1/available']).toBe('0.55');
    const second = await ok<OutsourcingReceipt>('POST', '/api/outsourcing-receipts', clerk, {
      outsourcingOrder: no,
      qty: '1',
      date: '2026-12-05',
    });
    expect(second.consumed.map((c) => [c.item, c.qty])).toEqual([
      ['BOLT', '2'],
      ['STEEL', '0.55'],
    ]);
    expect((await balances('BOLT'))['SUB1/available']).toBeUndefined();
    expect((await balances('STEEL'))['SUB1/available']).toBeUndefined();
    // 4 from these receipts, 1 from the imported order's.
    expect((await balances('PAINTED'))['FG/available']).toBe('5');
    const read = await order(no);
    expect(read.received).toBe('4');
    expect(read.accruedFee).toEqual({
      amount: Math.round(4 * Number(price) * 100),
      scale: 2,
      currency: 'CNY',
    });
    expect(read.components.map((c) => [c.item, c.sent, c.consumed, c.atSubcontractor])).toEqual([
      ['BOLT', '8', '8', '0'],
      ['STEEL', '2.2', '2.2', '0'],
    ]);
    expect(Number((await planning(no))!.open)).toBe(supply - 4);
  });

  it('the invoice in the next month settles the order: its difference adjusts the product there', async () => {
    const read = await order(no);
    const accrued = read.accruedFee!.amount;
    const st = await ok<OutsourcingSettlement>('POST', '/api/outsourcing-settlements', planner, {
      subcontractor: read.subcontractor,
      invoiceNo: 'INV-2027-001',
      date: '2027-01-08',
      orders: [{ order: no, amount: ((accrued + 100) / 100).toFixed(2) }],
    });
    expect(st).toMatchObject({ period: '2027-01', adjustment: { amount: 100, scale: 2 } });
    expect(st.lines).toHaveLength(2);
    const adj = await ok<StockDocument>(
      'GET',
      `/api/stock/documents/${st.adjustmentDocument}`,
      clerk,
    );
    expect(adj).toMatchObject({ reason: 'costAdjustment', date: '2027-01-08' });
    expect(adj.moves).toEqual([
      expect.objectContaining({
        item: 'PAINTED',
        qty: '0',
        value: { amount: 100, scale: 2, currency: 'CNY' },
      }),
    ]);
  });

  it('a shortage at the subcontractor refuses the receipt naming each short component; nothing written', async () => {
    const before = {
      order: await order(no),
      painted: await balances('PAINTED'),
      bolt: await balances('BOLT'),
    };
    const res = await call('POST', '/api/outsourcing-receipts', clerk, {
      outsourcingOrder: no,
      qty: '2',
      date: '2026-12-06',
    });
    expect(res.status).toBe(409);
    const error = errorOf(res);
    expect(error.code).toBe('stock.insufficient');
    const shortages = (error.details as { shortages: { item: string; warehouse: string }[] })
      .shortages;
    expect(shortages.map((s) => [s.item, s.warehouse]).sort()).toEqual([
      ['BOLT', 'SUB1'],
      ['STEEL', 'SUB1'],
    ]);
    expect(error.message).toContain('BOLT');
    expect(error.message).toContain('STEEL');
    expect(await order(no)).toEqual(before.order);
    expect(await balances('PAINTED')).toEqual(before.painted);
    expect(await balances('BOLT')).toEqual(before.bolt);
  });

  it('standard and supplementary sends, a return of material, and over-receipt needs an allowance', async () => {
    const std = await ok<OutsourcingTransfer>(
      'POST',
      `/api/outsourcing-orders/${no}/sends`,
      clerk,
      {
        lines: [{ item: 'BOLT', qty: '2' }],
      },
    );
    expect(std.outsourcingOrder.components[0]!.sent).toBe('10');
    const required = std.outsourcingOrder.components[0]!.required;
    const over = await call('POST', `/api/outsourcing-orders/${no}/sends`, clerk, {
      lines: [{ item: 'BOLT', qty: required }],
    });
    expect(over.status).toBe(422);
    expect(errorOf(over).code).toBe('issue.overIssue');
    const noReason = await call('POST', `/api/outsourcing-orders/${no}/sends`, clerk, {
      mode: 'supplementary',
      lines: [{ item: 'MOTOR', qty: '1' }],
    });
    expect(noReason.status).toBe(400);
    expect(errorOf(noReason).issues![0]!.path).toEqual(['body', 'reason']);
    const extra = await ok<OutsourcingTransfer>(
      'POST',
      `/api/outsourcing-orders/${no}/sends`,
      clerk,
      { mode: 'supplementary', lines: [{ item: 'BOLT', qty: '3' }], reason: '外协厂损耗' },
    );
    expect(extra.outsourcingOrder.components[0]!.sent).toBe('13');
    expect(extra.document.note).toContain('外协厂损耗');
    const tooMuch = await call('POST', `/api/outsourcing-orders/${no}/material-returns`, clerk, {
      lines: [{ item: 'BOLT', qty: '6' }],
    });
    expect(tooMuch.status).toBe(422);
    expect(errorOf(tooMuch).issues![0]!.path).toEqual(['body', 'lines', 0, 'qty']);
    const back = await ok<OutsourcingTransfer>(
      'POST',
      `/api/outsourcing-orders/${no}/material-returns`,
      clerk,
      { lines: [{ item: 'BOLT', qty: '3' }] },
    );
    expect(back.outsourcingOrder.components[0]).toMatchObject({ sent: '10', atSubcontractor: '2' });
    expect((await balances('BOLT'))['SUB1/available']).toBe('2');
    const left = back.outsourcingOrder;
    const beyond = await call('POST', '/api/outsourcing-receipts', clerk, {
      outsourcingOrder: no,
      qty: String(Number(left.qty) - Number(left.received) + 1),
      date: '2026-12-06',
    });
    expect(beyond.status).toBe(409);
    expect(errorOf(beyond).code).toBe('receipt.overReceipt');
    const notAllowed = await call('POST', '/api/outsourcing-receipts', clerk, {
      outsourcingOrder: no,
      qty: '1',
      date: '2026-12-06',
      allowOverReceipt: true,
    });
    expect(notAllowed.status).toBe(403);
    void supervisor;
  });

  it('two receipts at once both land: the second is planned again from the order the first wrote', async () => {
    await ok('POST', `/api/outsourcing-orders/${no}/sends`, clerk, { mode: 'kit', sets: '2' });
    const before = await order(no);
    const [a, b] = await Promise.all(
      ['1', '1'].map((qty) =>
        call<OutsourcingReceipt>('POST', '/api/outsourcing-receipts', clerk, {
          outsourcingOrder: no,
          qty,
          date: '2026-12-07',
        }),
      ),
    );
    expect([a!.status, b!.status]).toEqual([201, 201]);
    const after = await order(no);
    expect(Number(after.received)).toBe(Number(before.received) + 2);
    // Cumulative: together they consumed what one receipt of 2 does (4 bolts, 1.1 kg).
    const used = (o: OutsourcingOrder, item: string) =>
      Number(o.components.find((c) => c.item === item)!.consumed);
    expect(used(after, 'BOLT') - used(before, 'BOLT')).toBe(4);
    expect(used(after, 'STEEL') - used(before, 'STEEL')).toBeCloseTo(1.1, 6);
  });

  it('another tenant sees none of it', async () => {
    const other = await api.token('admin', 'wwother01');
    const res = await api.call('GET', `/api/outsourcing-orders/${no}`, { token: other });
    expect(res.status).toBe(404);
    const list = await api.call<Page<OutsourcingOrder>>('GET', '/api/outsourcing-orders', {
      token: other,
    });
    expect(list.body.items).toEqual([]);
  });

  it('refuses receipts naming the fields', async () => {
    const res = await call('POST', '/api/outsourcing-receipts', clerk, {
      outsourcingOrder: 'NOPE',
      qty: '0',
      date: 'x',
    });
    expect(res.status).toBe(400);
    expect([...new Set(errorOf(res).issues!.map((i) => i.path.join('.')))].sort()).toEqual([
      'body.date',
      'body.qty',
    ]);
    const unknown = await call('POST', '/api/outsourcing-receipts', clerk, {
      outsourcingOrder: 'NOPE',
      qty: '1',
      date: '2026-12-06',
    });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown).issues![0]!.path).toEqual(['body', 'outsourcingOrder']);
  });
});

describe('an inspected outsourcing receipt', () => {
  it('lands in inspection with an order naming the subcontractor; a return lowers received and MRP sees it open again', async () => {
    const plan = await call('PUT', '/api/inspection-plans/PLATED', qc, {
      receipts: ['outsourcing'],
      sampling: { rule: 'full' },
    });
    expect(plan.status).toBe(200);
    const defect = await call('POST', '/api/defects', qc, {
      code: 'RUST',
      name: '锈蚀',
      category: '外观',
    });
    expect(defect.status).toBe(201);
    const made = (await create({ item: 'PLATED', qty: '5' })).body;
    await ok('POST', `/api/outsourcing-orders/${made.no}/sends`, clerk, {});
    const got = await ok<OutsourcingReceipt>('POST', '/api/outsourcing-receipts', clerk, {
      outsourcingOrder: made.no,
      qty: '5',
      date: '2026-12-04',
    });
    expect(got.document.moves[0]).toMatchObject({ item: 'PLATED', status: 'inspection' });
    expect(got.outsourcingOrder).toMatchObject({ received: '5', status: 'completed' });
    expect(await planning(made.no)).toBeUndefined();
    const list = await ok<Page<InspectionView>>(
      'GET',
      `/api/inspections?receipt=${got.document.no}`,
      qc,
    );
    const insp = list.items[0]!;
    expect(insp).toMatchObject({
      receipt: { kind: 'outsourcing' },
      partner: 'W1',
      source: { order: made.no, line: 1 },
      qty: '5',
    });
    await ok('POST', `/api/inspections/${insp.no}/results`, qc, {
      sampled: '5',
      accepted: '3',
      rejected: '2',
      defects: [{ code: 'RUST', qty: '2' }],
    });
    const disposed = await ok<InspectionDisposed>(
      'POST',
      `/api/inspections/${insp.no}/dispositions`,
      qc,
      { lines: [{ kind: 'returnToSupplier', qty: '2' }] },
    );
    const doc = (
      await api.call<StockDocument>('GET', `/api/stock/documents/${disposed.documents[0]}`, {
        token: clerk,
      })
    ).body;
    expect(doc).toMatchObject({ reason: 'outsourcingReturn', ref: made.no, partner: 'W1' });
    expect(doc.moves).toEqual([
      expect.objectContaining({ item: 'PLATED', status: 'rejected', qty: '-2' }),
    ]);
    const after = await order(made.no);
    expect(after).toMatchObject({ received: '3', status: 'open' });
    expect(after.documents.map((d) => d.kind)).toEqual(['send', 'receipt', 'productReturn']);
    expect((await planning(made.no))!.open).toBe('2');
    expect((await balances('PLATED'))['FG/available']).toBe('3');
    // The replacement consumes material again: the returned product used it up.
    const short = await call('POST', '/api/outsourcing-receipts', clerk, {
      outsourcingOrder: made.no,
      qty: '2',
      date: '2026-12-06',
    });
    expect(short.status).toBe(409);
    await ok('POST', `/api/outsourcing-orders/${made.no}/sends`, clerk, {
      mode: 'supplementary',
      lines: [{ item: 'BOLT', qty: '2' }],
      reason: '退货补做',
    });
    const redo = await ok<OutsourcingReceipt>('POST', '/api/outsourcing-receipts', clerk, {
      outsourcingOrder: made.no,
      qty: '2',
      date: '2026-12-07',
    });
    expect(redo.consumed.map((c) => [c.item, c.qty])).toEqual([['BOLT', '2']]);
    expect(redo.outsourcingOrder).toMatchObject({ received: '5', status: 'completed' });
    void supervisor;
  });
});

describe('a tracked (MTO) component', () => {
  it("is sent from and consumed at its sales order's balances only", async () => {
    const open = await call('POST', '/api/stock/receipts', clerk, {
      date: '2026-12-01',
      reason: 'opening',
      lines: [
        { item: 'PAINT', warehouse: 'RM', qty: '1' },
        { item: 'PAINT', warehouse: 'RM', qty: '3', trackingNo: 'SO-9' },
      ],
    });
    expect(open.status).toBe(201);
    const made = (await create({ item: 'COATED', qty: '10', trackingNo: 'SO-9' })).body;
    expect(made.components).toMatchObject([{ item: 'PAINT', required: '2', trackingNo: 'SO-9' }]);
    await ok('POST', `/api/outsourcing-orders/${made.no}/sends`, clerk, {});
    const paint = async () => {
      const res = await api.call<Page<Balance>>('GET', '/api/stock/balances?item=PAINT', {
        token: clerk,
      });
      return Object.fromEntries(
        res.body.items.map((b) => [`${b.warehouse}/${b.trackingNo || '-'}`, b.qty] as const),
      );
    };
    expect(await paint()).toEqual({ 'RM/-': '1', 'RM/SO-9': '1', 'SUB1/SO-9': '2' });
    const got = await ok<OutsourcingReceipt>('POST', '/api/outsourcing-receipts', clerk, {
      outsourcingOrder: made.no,
      qty: '5',
      date: '2026-12-04',
    });
    expect(got.consumed).toEqual([
      { item: 'PAINT', warehouse: 'SUB1', trackingNo: 'SO-9', qty: '1' },
    ]);
    expect(await paint()).toEqual({ 'RM/-': '1', 'RM/SO-9': '1', 'SUB1/SO-9': '1' });
  });
});

describe('the processing fee', () => {
  it('refuses a receipt without a price policy in force, naming subcontractor and item; nothing written', async () => {
    const created = await ok<OutsourcingOrder>('POST', '/api/outsourcing-orders', planner, {
      subcontractor: 'W2',
      item: 'PLATED',
      qty: '5',
      dueDate: '2026-12-20',
    });
    const res = await call('POST', '/api/outsourcing-receipts', clerk, {
      outsourcingOrder: created.no,
      qty: '1',
      date: '2026-12-04',
    });
    expect(res.status).toBe(400);
    expect(errorOf(res).issues).toEqual([
      {
        path: ['body', 'outsourcingOrder'],
        message: expect.stringContaining('外协厂 W2 的物料 PLATED'),
      },
    ]);
    expect((await order(created.no)).documents).toEqual([]);
  });
});
