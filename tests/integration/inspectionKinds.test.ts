import type {
  Approval,
  Balance,
  CustomerReturn,
  Delivery,
  InspectionDetail,
  InspectionDisposed,
  InspectionResultPosted,
  InspectionView,
  Page,
  ProductionReceipt,
  StockDocument,
  TaskOrder,
} from '@factory/shared';
import { errorOf, startApi, type Api } from './harness.js';
import { seedUsers } from './salesHarness.js';
import { idem, importFactory, reportGood, shopfloorFile } from './shopfloorHarness.js';

/**
 * Each receipt kind through quality besides purchase (inspections.test.ts): a customer return
 * with a concession through the approval engine, a production receipt with rework, an
 * outsourcing receipt with scrap; and the item's plan deciding which receipts wait.
 */
const T = 'wwqc0002';
let api: Api;
let qc: string;
let clerk: string;
let manager: string;
let admin: string;

beforeAll(async () => {
  api = await startApi();
  const file = shopfloorFile();
  // A customer and a subcontractor, and GRILL sold to the customer from stock.
  file.partners.push(
    { code: 'C1', name: '客户一', roles: ['customer'] },
    { code: 'W1', name: '外协一', roles: ['subcontractor'] },
  );
  await importFactory(api, T, file);
  await seedUsers(T);
  qc = await api.token('zhaomin', T);
  clerk = await api.token('wangqiang', T);
  manager = await api.token('zhoujun', T);
  admin = await api.token('admin', T);
  const res = await api.call('POST', '/api/defects', {
    token: qc,
    body: { code: 'CRACK', name: '裂纹', category: '功能' },
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  await reportGood(api, T, 'MO-2', '5');
});
afterAll(() => api.close());

async function balances(item: string): Promise<Record<string, string>> {
  const res = await api.call<Page<Balance>>('GET', `/api/stock/balances?item=${item}`, {
    token: clerk,
  });
  return Object.fromEntries(res.body.items.map((b) => [`${b.warehouse}/${b.status}`, b.qty]));
}

const post = async <R>(path: string, body: unknown, token = qc) => {
  const res = await api.call<R>('POST', path, { token, body, headers: idem() });
  if (res.status !== 201 && res.status !== 200) {
    throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
};

const ordersOf = async (receipt: string) =>
  (
    await api.call<Page<InspectionView>>(
      'GET',
      `/api/inspections?status=pending&receipt=${receipt}`,
      { token: qc },
    )
  ).body.items;

describe('a production receipt through quality', () => {
  let no: string;

  it('opens an inspection order naming the task order; rework makes a rework task order from rejected stock', async () => {
    const receipt = await post<ProductionReceipt>(
      '/api/production-receipts',
      { taskOrder: 'MO-2', date: '2026-12-04', qty: '5' },
      clerk,
    );
    const [order] = await ordersOf(receipt.document.no);
    expect(order).toMatchObject({
      receipt: { kind: 'production', doc: receipt.document.no, line: 1 },
      item: 'GRILL',
      qty: '5',
      warehouse: 'FG',
      source: { order: 'MO-2' },
    });
    expect(order!.partner).toBeUndefined();
    no = order!.no;
    await post<InspectionResultPosted>(`/api/inspections/${no}/results`, {
      sampled: '5',
      accepted: '3',
      rejected: '2',
      defects: [{ code: 'CRACK', qty: '2' }],
    });
    const res = await post<InspectionDisposed>(`/api/inspections/${no}/dispositions`, {
      lines: [{ kind: 'rework', qty: '2', dueDate: '2026-12-09', note: '重新焊接' }],
    });
    const reworkNo = res.dispositions[0]!.doc!;
    const rework = await api.call<TaskOrder>('GET', `/api/task-orders/${reworkNo}`, {
      token: admin,
    });
    expect(rework.body).toMatchObject({
      kind: 'rework',
      item: 'GRILL',
      qty: '2',
      dueDate: '2026-12-09',
      rework: { reason: '重新焊接', warehouse: 'FG', sourceOrder: 'MO-2' },
    });
    // The rejected quantity stays rejected until the rework order takes it.
    expect(await balances('GRILL')).toEqual({ 'FG/available': '3', 'FG/rejected': '2' });
  });

  it('refuses a return to the supplier of a production receipt and rework of a purchased item', async () => {
    const receipt = await post<{ document: StockDocument }>(
      '/api/purchase-receipts',
      { purchaseOrder: 'PO-1', date: '2026-12-04', lines: [{ line: 2, qty: '1' }] },
      clerk,
    );
    const [motor] = await ordersOf(receipt.document.no);
    await post(`/api/inspections/${motor!.no}/results`, {
      sampled: '1',
      accepted: '0',
      rejected: '1',
      defects: [{ code: 'CRACK', qty: '1' }],
    });
    const res = await api.call('POST', `/api/inspections/${motor!.no}/dispositions`, {
      token: qc,
      body: { lines: [{ kind: 'rework', qty: '1' }] },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res).issues).toEqual([
      { path: ['body', 'lines', 0, 'kind'], message: '物料 MOTOR 不是自制或委外件，不能返修' },
    ]);
  });
});

describe('an outsourcing receipt and the plan deciding what waits', () => {
  it('holds only the receipt kinds the plan names; an outsourcing receipt opens an order for its subcontractor', async () => {
    const plan = await api.call('PUT', '/api/inspection-plans/BOLT', {
      token: qc,
      body: { receipts: ['outsourcing'], sampling: { rule: 'fixed', count: '2' } },
    });
    expect(plan.status).toBe(200);
    const bought = await post<StockDocument>(
      '/api/stock/receipts',
      {
        date: '2026-12-04',
        reason: 'purchase',
        lines: [{ item: 'BOLT', warehouse: 'RM', qty: '7' }],
      },
      clerk,
    );
    expect(bought.moves[0]!.status).toBe('available');
    expect(await ordersOf(bought.no)).toEqual([]);
    const made = await post<StockDocument>(
      '/api/stock/receipts',
      {
        date: '2026-12-04',
        reason: 'outsourcing',
        partner: 'W1',
        ref: 'OS-9',
        lines: [{ item: 'BOLT', warehouse: 'RM', qty: '10' }],
      },
      clerk,
    );
    expect(made.moves[0]!.status).toBe('inspection');
    const [order] = await ordersOf(made.no);
    expect(order).toMatchObject({
      receipt: { kind: 'outsourcing' },
      partner: 'W1',
      source: { order: 'OS-9' },
      requiredSample: '2',
    });
    const small = await api.call('POST', `/api/inspections/${order!.no}/results`, {
      token: qc,
      body: { sampled: '1', accepted: '10', rejected: '0' },
    });
    expect(small.status).toBe(400);
    expect(errorOf(small).issues![0]).toEqual({
      path: ['body', 'sampled'],
      message: '按检验方案，抽样数量不少于 2',
    });
    await post(`/api/inspections/${order!.no}/results`, {
      sampled: '2',
      accepted: '9',
      rejected: '1',
      defects: [{ code: 'CRACK', qty: '1' }],
    });
    // No outsourcing order line to return against: the return is refused, scrap goes out.
    const back = await api.call('POST', `/api/inspections/${order!.no}/dispositions`, {
      token: qc,
      body: { lines: [{ kind: 'returnToSupplier', qty: '1' }] },
    });
    expect(back.status).toBe(400);
    const before = (await balances('BOLT'))['RM/available'];
    const scrapped = await post<InspectionDisposed>(`/api/inspections/${order!.no}/dispositions`, {
      lines: [{ kind: 'scrap', qty: '1' }],
    });
    const issue = await api.call<StockDocument>(
      'GET',
      `/api/stock/documents/${scrapped.documents[0]}`,
      { token: clerk },
    );
    expect(issue.body).toMatchObject({ kind: 'issue', reason: 'scrap', ref: order!.no });
    expect((await balances('BOLT'))['RM/available']).toBe(before);
    expect((await balances('BOLT'))['RM/rejected']).toBeUndefined();
  });
});

describe('a customer return through quality, with a concession', () => {
  let delivery: Delivery;

  beforeAll(async () => {
    await post(
      '/api/items',
      {
        code: 'LAMP',
        name: '台灯',
        unit: 'pcs',
        precision: 0,
        source: 'purchased',
        strategy: 'mts',
        leadTimeDays: 1,
        safetyStock: '0',
        lotSizing: { rule: 'lotForLot' },
        defaultWarehouse: 'FG',
        inspection: false,
        active: true,
      },
      admin,
    );
    await post(
      '/api/stock/receipts',
      {
        date: '2026-12-01',
        reason: 'opening',
        lines: [{ item: 'LAMP', warehouse: 'FG', qty: '10' }],
      },
      admin,
    );
    const sales = await api.token('zhangwei', T);
    const created = await post<{ no: string }>(
      '/api/sales-orders',
      {
        customer: 'C1',
        lines: [{ item: 'LAMP', qty: '6', unitPrice: '30', dueDate: '2026-12-20' }],
      },
      sales,
    );
    await post(`/api/sales-orders/${created.no}/submit`, {}, sales);
    delivery = await post<Delivery>(
      '/api/deliveries',
      { customer: 'C1', lines: [{ salesOrder: created.no, line: 1, qty: '6', warehouse: 'FG' }] },
      clerk,
    );
  });

  it('returned goods wait in inspection with an order naming the customer and the sales line', async () => {
    const ret = await post<CustomerReturn>(
      '/api/customer-returns',
      { delivery: delivery.no, reason: '客户投诉', lines: [{ line: 1, qty: '3' }] },
      clerk,
    );
    expect(ret.lines[0]!.status).toBe('inspection');
    expect(await balances('LAMP')).toEqual({ 'FG/available': '4', 'FG/inspection': '3' });
    const [order] = await ordersOf(ret.no);
    expect(order).toMatchObject({
      receipt: { kind: 'customerReturn', doc: ret.no },
      partner: 'C1',
      source: { order: delivery.lines[0]!.salesOrder, line: 1 },
      qty: '3',
    });
    await post(`/api/inspections/${order!.no}/results`, {
      sampled: '3',
      accepted: '1',
      rejected: '2',
      defects: [{ code: 'CRACK', qty: '2' }],
    });
    const refused = await api.call('POST', `/api/inspections/${order!.no}/dispositions`, {
      token: qc,
      body: { lines: [{ kind: 'returnToSupplier', qty: '2' }] },
    });
    expect(refused.status).toBe(400);
    expect(errorOf(refused).issues![0]!.message).toBe(
      '只有采购入库和委外入库可以退回供应商或委外厂',
    );

    // A concession waits for the manager's approval; the quantity stays rejected meanwhile.
    const res = await post<InspectionDisposed>(`/api/inspections/${order!.no}/dispositions`, {
      lines: [
        { kind: 'concession', qty: '1', note: '外观轻微，客户同意' },
        { kind: 'scrap', qty: '1' },
      ],
    });
    const approval = res.dispositions[0]!.approval!;
    expect(approval.status).toBe('pending');
    expect(await balances('LAMP')).toEqual({ 'FG/available': '5', 'FG/rejected': '1' });
    const inbox = await api.call<Page<Approval>>('GET', '/api/approvals/inbox', { token: manager });
    expect(inbox.body.items.map((a) => [a.docType, a.docNo])).toContainEqual([
      'concession',
      order!.no,
    ]);
    const decided = await api.call<Approval>('POST', `/api/approvals/${approval.id}/approve`, {
      token: manager,
      body: {},
    });
    expect(decided.status).toBe(200);
    expect(await balances('LAMP')).toEqual({ 'FG/available': '6' });
    const after = await api.call<InspectionDetail>('GET', `/api/inspections/${order!.no}`, {
      token: qc,
    });
    expect(after.body.dispositions[0]!.approval!.status).toBe('approved');

    // Conceded quantity counts as rejected in the pass rate and is shown apart.
    const rates = await api.call<{ rows: { key: string }[] }>(
      'GET',
      '/api/quality/pass-rates?by=item&from=2026-12-01&to=2026-12-31',
      { token: manager },
    );
    expect(rates.body.rows.find((r) => r.key === 'LAMP')).toEqual({
      key: 'LAMP',
      name: '台灯',
      inspected: '3',
      accepted: '1',
      rejected: '2',
      conceded: '1',
      passRate: '0.3333',
    });
  });

  it('a rejected concession leaves the quantity to dispose again', async () => {
    const ret = await post<CustomerReturn>(
      '/api/customer-returns',
      { delivery: delivery.no, lines: [{ line: 1, qty: '1' }] },
      clerk,
    );
    const [order] = await ordersOf(ret.no);
    await post(`/api/inspections/${order!.no}/results`, {
      sampled: '1',
      accepted: '0',
      rejected: '1',
      defects: [{ code: 'CRACK', qty: '1' }],
    });
    const res = await post<InspectionDisposed>(`/api/inspections/${order!.no}/dispositions`, {
      lines: [{ kind: 'concession', qty: '1' }],
    });
    const rejected = await api.call<Approval>(
      'POST',
      `/api/approvals/${res.dispositions[0]!.approval!.id}/reject`,
      { token: manager, body: { comment: '不能让步' } },
    );
    expect(rejected.status).toBe(200);
    const after = await api.call<InspectionDetail>('GET', `/api/inspections/${order!.no}`, {
      token: qc,
    });
    expect(after.body).toMatchObject({ status: 'inspected', undisposed: '1' });
    await post(`/api/inspections/${order!.no}/dispositions`, {
      lines: [{ kind: 'scrap', qty: '1' }],
    });
    expect((await balances('LAMP'))['FG/rejected']).toBeUndefined();
  });

  it('an item whose plan leaves customer returns out takes them back as available', async () => {
    const plan = await api.call('PUT', '/api/inspection-plans/LAMP', {
      token: qc,
      body: { receipts: ['purchase'], sampling: { rule: 'full' } },
    });
    expect(plan.status).toBe(200);
    const ret = await post<CustomerReturn>(
      '/api/customer-returns',
      { delivery: delivery.no, lines: [{ line: 1, qty: '1' }] },
      clerk,
    );
    expect(ret.lines[0]!.status).toBe('available');
    expect(await ordersOf(ret.no)).toEqual([]);
  });
});
