import type { Balance, Page, ProductionReceipt, PurchaseReceipt, TaskOrder } from '@factory/shared';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { getDeps } from '../../functions/src/deps.js';
import { keys } from '../../functions/src/store/keys.js';
import { loadPlanningInput } from '../../functions/src/usecases/mrp/load.js';
import { errorOf, startApi, type Api } from './harness.js';
import { idem, importFactory, reportGood, shopfloorFile } from './shopfloorHarness.js';

let api: Api;
let clerk: string;
let supervisor: string;
const T1 = 'wwrcpt01';
const T2 = 'wwrcpt02';

beforeAll(async () => {
  api = await startApi();
  await importFactory(api, T1, shopfloorFile());
  // Just enough BOLT for 2 fans (2 × (2 × 1.5 × 4 × 1.1 + 1) = 28.4 -> 29), not for 3.
  await importFactory(api, T2, shopfloorFile({ bolt: '30', steel: '100' }));
  clerk = await api.token('wangqiang', T1);
  supervisor = await api.token('liuyang', T1);
  // Production receipts need the good quantity reported first (11: one over, allowed).
  await reportGood(api, T1, 'MO-1', '11');
  await reportGood(api, T1, 'MO-2', '5');
  await reportGood(api, T2, 'MO-1', '10');
});
afterAll(() => api.close());

async function balances(tenant: string, item: string): Promise<Record<string, string>> {
  const res = await api.call<Page<Balance>>('GET', `/api/stock/balances?item=${item}`, {
    token: await api.token('wangqiang', tenant),
  });
  expect(res.status).toBe(200);
  return Object.fromEntries(res.body.items.map((b) => [`${b.warehouse}/${b.status}`, b.qty]));
}

async function inTransit(tenant: string): Promise<Record<string, string>> {
  const input = await loadPlanningInput(getDeps(), tenant, '2026-12-01', 30);
  return Object.fromEntries(input.purchaseOrders.map((p) => [p.item, p.qty]));
}

describe('purchase receipts', () => {
  it('receives part of a line, updates the order and MRP sees less in transit', async () => {
    expect(await inTransit(T1)).toEqual({ BOLT: '100', MOTOR: '8' });
    const res = await api.call<PurchaseReceipt>('POST', '/api/purchase-receipts', {
      token: clerk,
      headers: idem(),
      body: { purchaseOrder: 'PO-1', date: '2026-12-03', lines: [{ line: 1, qty: '40' }] },
    });
    expect(res.status).toBe(201);
    expect(res.body.document).toMatchObject({ kind: 'receipt', reason: 'purchase', ref: 'PO-1' });
    expect(res.body.purchaseOrder.lines).toEqual([
      { line: 1, item: 'BOLT', qty: '100', received: '40' },
      { line: 2, item: 'MOTOR', qty: '10', received: '2' },
    ]);
    expect((await balances(T1, 'BOLT'))['RM/available']).toBe('1040');
    expect(await inTransit(T1)).toEqual({ BOLT: '60', MOTOR: '8' });
  });

  it('puts items that need inspection into status inspection', async () => {
    const res = await api.call<PurchaseReceipt>('POST', '/api/purchase-receipts', {
      token: clerk,
      headers: idem(),
      body: { purchaseOrder: 'PO-1', date: '2026-12-03', lines: [{ line: 2, qty: '3' }] },
    });
    expect(res.status).toBe(201);
    expect(res.body.document.moves).toEqual([
      expect.objectContaining({ item: 'MOTOR', warehouse: 'RM', status: 'inspection', qty: '3' }),
    ]);
    expect(await balances(T1, 'MOTOR')).toEqual({ 'RM/inspection': '3' });
    expect(await inTransit(T1)).toEqual({ BOLT: '60', MOTOR: '5' });
  });

  it('refuses over-receipt with 409 naming line, ordered, received and requested; writes nothing', async () => {
    const res = await api.call('POST', '/api/purchase-receipts', {
      token: clerk,
      headers: idem(),
      body: {
        purchaseOrder: 'PO-1',
        date: '2026-12-04',
        lines: [
          { line: 1, qty: '50' },
          { line: 1, qty: '11' },
        ],
      },
    });
    expect(res.status).toBe(409);
    expect(errorOf(res)).toMatchObject({
      code: 'receipt.overReceipt',
      details: { line: 1, item: 'BOLT', ordered: '100', received: '40', requested: '61' },
    });
    expect((await balances(T1, 'BOLT'))['RM/available']).toBe('1040');
    expect(await inTransit(T1)).toEqual({ BOLT: '60', MOTOR: '5' });
  });

  it('over-receipt when allowed needs a supervisor', async () => {
    const body = {
      purchaseOrder: 'PO-1',
      date: '2026-12-04',
      allowOverReceipt: true,
      lines: [{ line: 1, qty: '61' }],
    };
    const refused = await api.call('POST', '/api/purchase-receipts', {
      token: clerk,
      headers: idem(),
      body,
    });
    expect(refused.status).toBe(403);
    const ok = await api.call<PurchaseReceipt>('POST', '/api/purchase-receipts', {
      token: supervisor,
      headers: idem(),
      body,
    });
    expect(ok.status).toBe(201);
    expect(ok.body.purchaseOrder.lines[0]!.received).toBe('101');
    expect(await inTransit(T1)).toEqual({ MOTOR: '5' });
  });

  it('replays an idempotent receipt instead of receiving twice', async () => {
    const headers = idem();
    const body = { purchaseOrder: 'PO-1', date: '2026-12-05', lines: [{ line: 2, qty: '1' }] };
    const first = await api.call<PurchaseReceipt>('POST', '/api/purchase-receipts', {
      token: clerk,
      headers,
      body,
    });
    const again = await api.call<PurchaseReceipt>('POST', '/api/purchase-receipts', {
      token: clerk,
      headers,
      body,
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replay')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await inTransit(T1)).toEqual({ MOTOR: '4' });
  });
});

describe('production receipts with backflush', () => {
  it('receives part of a task order and backflushes exactly the BOM quantities through the phantom', async () => {
    const res = await api.call<ProductionReceipt>('POST', '/api/production-receipts', {
      token: clerk,
      headers: idem(),
      body: { taskOrder: 'MO-1', date: '2026-12-05', qty: '3' },
    });
    expect(res.status).toBe(201);
    // BOLT: 3 × (2 × 1.5 × 4 × 1.1 + 1) = 42.6 -> 43 from RM (manual MOTOR is not touched);
    // STEEL: 3 × 2 × 1.5 × 0.25 × 1.1 = 2.475 kg from LINE (the phantom line's warehouse).
    expect(res.body.backflush).toEqual([
      { item: 'BOLT', warehouse: 'RM', qty: '43' },
      { item: 'STEEL', warehouse: 'LINE', qty: '2.475' },
    ]);
    expect(res.body.taskOrder).toMatchObject({
      no: 'MO-1',
      received: '3',
      issued: [
        { item: 'BOLT', qty: '43' },
        { item: 'STEEL', qty: '2.475' },
      ],
    });
    // Every line names the order: the product it made and what it consumed.
    expect(res.body.document.moves).toEqual([
      expect.objectContaining({ item: 'FAN', warehouse: 'FG', qty: '3', taskOrder: 'MO-1' }),
      expect.objectContaining({ item: 'BOLT', warehouse: 'RM', qty: '-43', taskOrder: 'MO-1' }),
      expect.objectContaining({ item: 'STEEL', qty: '-2.475', taskOrder: 'MO-1' }),
    ]);
    const ledger = await api.call<{ items: { docNo: string; taskOrder?: string }[] }>(
      'GET',
      '/api/stock/moves?item=BOLT',
      { token: clerk },
    );
    expect(ledger.body.items.find((m) => m.docNo === res.body.document.no)?.taskOrder).toBe('MO-1');
    expect(await balances(T1, 'FAN')).toEqual({ 'FG/available': '3' });
    expect((await balances(T1, 'BOLT'))['RM/available']).toBe('1058'); // 1101 - 43
    expect(await balances(T1, 'STEEL')).toEqual({ 'LINE/available': '97.525' });
    const input = await loadPlanningInput(getDeps(), T1, '2026-12-01', 30);
    expect(input.workOrders.find((w) => w.no === 'MO-1')).toMatchObject({
      received: '3',
      issued: [
        { item: 'BOLT', qty: '43' },
        { item: 'STEEL', qty: '2.475' },
      ],
    });
  });

  it('refuses receipt beyond the order quantity unless a supervisor allows it', async () => {
    const body = { taskOrder: 'MO-1', date: '2026-12-06', qty: '8' };
    const res = await api.call('POST', '/api/production-receipts', {
      token: clerk,
      headers: idem(),
      body,
    });
    expect(res.status).toBe(409);
    expect(errorOf(res)).toMatchObject({
      code: 'receipt.overReceipt',
      details: { ordered: '10', received: '3', requested: '8' },
    });
    const allowed = await api.call<ProductionReceipt>('POST', '/api/production-receipts', {
      token: supervisor,
      headers: idem(),
      body: { ...body, allowOverReceipt: true },
    });
    expect(allowed.status).toBe(201);
    expect(allowed.body.taskOrder.received).toBe('11');
  });

  it('receives an item that needs inspection into status inspection', async () => {
    const res = await api.call<ProductionReceipt>('POST', '/api/production-receipts', {
      token: clerk,
      headers: idem(),
      body: { taskOrder: 'MO-2', date: '2026-12-06', qty: '2' },
    });
    expect(res.status).toBe(201);
    expect(await balances(T1, 'GRILL')).toEqual({ 'FG/inspection': '2' });
    expect(res.body.backflush).toEqual([{ item: 'BOLT', warehouse: 'RM', qty: '4' }]);
  });

  it('a backflush that would go negative refuses the whole receipt and writes nothing', async () => {
    const token = await api.token('wangqiang', T2);
    const ok = await api.call<ProductionReceipt>('POST', '/api/production-receipts', {
      token,
      headers: idem(),
      body: { taskOrder: 'MO-1', date: '2026-12-05', qty: '2' },
    });
    expect(ok.status).toBe(201);
    const before = {
      bolt: await balances(T2, 'BOLT'),
      steel: await balances(T2, 'STEEL'),
      fan: await balances(T2, 'FAN'),
      order: (await loadPlanningInput(getDeps(), T2, '2026-12-01', 30)).workOrders,
    };
    expect(before.bolt).toEqual({ 'RM/available': '1' });

    const res = await api.call('POST', '/api/production-receipts', {
      token,
      headers: idem(),
      body: { taskOrder: 'MO-1', date: '2026-12-06', qty: '1' },
    });
    expect(res.status).toBe(409);
    // Cumulative: ⌈3 × 14.2⌉ = 43 for 3 fans, less the 29 the first 2 consumed.
    expect(errorOf(res)).toMatchObject({
      code: 'stock.insufficient',
      details: { item: 'BOLT', warehouse: 'RM', available: '1', requested: '14' },
    });
    expect(await balances(T2, 'BOLT')).toEqual(before.bolt);
    expect(await balances(T2, 'STEEL')).toEqual(before.steel);
    expect(await balances(T2, 'FAN')).toEqual(before.fan);
    expect((await loadPlanningInput(getDeps(), T2, '2026-12-01', 30)).workOrders).toEqual(
      before.order,
    );
  });
});

describe('large backflush, needs from the order, concurrent receipts', () => {
  const T3 = 'wwrcpt03';
  const PARTS = Array.from({ length: 120 }, (_, i) => `P${String(i + 1).padStart(3, '0')}`);

  beforeAll(async () => {
    const file = shopfloorFile();
    const base = file.items.find((i) => i.code === 'BOLT')!;
    file.items.push(
      { ...base, code: 'BIG', name: '大件', source: 'manufactured', defaultWarehouse: 'FG' },
      ...PARTS.map((code) => ({ ...base, code, name: `零件${code}` })),
    );
    file.boms.push({
      parent: 'BIG',
      version: 'V1',
      effectiveFrom: '2026-01-01',
      lines: PARTS.map((component) => ({ component, qtyPer: '1', issueMethod: 'backflush' })),
    } as never);
    // Enough of every part for 5, except the last: only 3.
    file.stock.push(
      ...PARTS.map((item, i) => ({
        item,
        warehouse: 'RM',
        qty: i === PARTS.length - 1 ? '3' : '5',
      })),
    );
    file.taskOrders.push({
      no: 'MO-BIG',
      item: 'BIG',
      qty: '10',
      startDate: '2026-12-02',
      dueDate: '2026-12-08',
    });
    await importFactory(api, T3, file);
    await reportGood(api, T3, 'MO-BIG', '10');
    await reportGood(api, T3, 'MO-1', '10');
  });

  it('a backflush of 120 components posts in chunks and updates the order once', async () => {
    const token = await api.token('wangqiang', T3);
    const res = await api.call<ProductionReceipt>('POST', '/api/production-receipts', {
      token,
      headers: idem(),
      body: { taskOrder: 'MO-BIG', date: '2026-12-05', qty: '2' },
    });
    expect(res.status).toBe(201);
    expect(res.body.backflush).toHaveLength(120);
    expect(res.body.taskOrder.received).toBe('2');
    expect(await balances(T3, 'P001')).toEqual({ 'RM/available': '3' });
    expect(await balances(T3, 'P120')).toEqual({ 'RM/available': '1' });
    expect(await balances(T3, 'BIG')).toEqual({ 'FG/available': '2' });
    const order = (await loadPlanningInput(getDeps(), T3, '2026-12-01', 30)).workOrders.find(
      (w) => w.no === 'MO-BIG',
    )!;
    expect(order.received).toBe('2');
    expect(order.issued).toHaveLength(120);
    expect(order.issued.every((x) => x.qty === '2')).toBe(true);
  });

  it('a shortage in a later chunk undoes the earlier chunks and leaves the order as it was', async () => {
    const token = await api.token('wangqiang', T3);
    const res = await api.call('POST', '/api/production-receipts', {
      token,
      headers: idem(),
      body: { taskOrder: 'MO-BIG', date: '2026-12-06', qty: '2' },
    });
    expect(res.status).toBe(409);
    expect(errorOf(res)).toMatchObject({
      code: 'stock.insufficient',
      details: { item: 'P120', available: '1', requested: '2' },
    });
    expect(await balances(T3, 'P001')).toEqual({ 'RM/available': '3' });
    expect(await balances(T3, 'P120')).toEqual({ 'RM/available': '1' });
    expect(await balances(T3, 'BIG')).toEqual({ 'FG/available': '2' });
    const order = (await loadPlanningInput(getDeps(), T3, '2026-12-01', 30)).workOrders.find(
      (w) => w.no === 'MO-BIG',
    )!;
    expect(order.received).toBe('2');
    expect(order.issued.every((x) => x.qty === '2')).toBe(true);
  });

  it("uses the order's own component needs when it has them", async () => {
    const { pk, sk } = keys.order(T3, 'taskOrder', 'MO-1');
    await getDeps().db.send(
      new UpdateCommand({
        TableName: getDeps().tableName,
        Key: { pk, sk },
        UpdateExpression: 'SET needs = :n',
        ExpressionAttributeValues: {
          ':n': [
            { item: 'BOLT', qtyPer: '2', lossRate: '0.25', issueMethod: 'backflush' },
            {
              item: 'STEEL',
              qtyPer: '0.5',
              lossRate: '0',
              issueMethod: 'backflush',
              warehouse: 'LINE',
            },
            { item: 'MOTOR', qtyPer: '1', lossRate: '0', issueMethod: 'manual' },
          ],
        },
      }),
    );
    const res = await api.call<ProductionReceipt>('POST', '/api/production-receipts', {
      token: await api.token('wangqiang', T3),
      headers: idem(),
      body: { taskOrder: 'MO-1', date: '2026-12-05', qty: '3' },
    });
    expect(res.status).toBe(201);
    // Not the BOM's 43 BOLT and 2.475 kg STEEL: 3 × 2 × 1.25 = 7.5 -> 8; 3 × 0.5 = 1.5.
    expect(res.body.backflush).toEqual([
      { item: 'BOLT', warehouse: 'RM', qty: '8' },
      { item: 'STEEL', warehouse: 'LINE', qty: '1.5' },
    ]);
  });

  it('two receipts of the last units of a purchase order line at once: one wins, one is refused', async () => {
    const token = await api.token('wangqiang', T3);
    const body = { purchaseOrder: 'PO-1', date: '2026-12-05', lines: [{ line: 1, qty: '60' }] };
    const both = await Promise.all(
      [1, 2].map(() =>
        api.call('POST', '/api/purchase-receipts', { token, headers: idem(), body }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = both.find((r) => r.status === 409)!;
    expect(errorOf(refused)).toMatchObject({
      code: 'receipt.overReceipt',
      details: { received: '60', requested: '60' },
    });
    expect(await inTransit(T3)).toEqual({ BOLT: '40', MOTOR: '8' });
  });
});

describe('cumulative backflush', () => {
  const T4 = 'wwrcpt04';

  beforeAll(async () => {
    const file = shopfloorFile();
    const base = file.items.find((i) => i.code === 'BOLT')!;
    file.items.push({
      ...base,
      code: 'CAP',
      name: '端盖',
      source: 'manufactured',
      defaultWarehouse: 'FG',
    });
    // One BOLT per cap with 1.25 % loss: 60 caps need 60.75 -> 61 BOLT, 20 caps 20.25 -> 21.
    file.boms.push({
      parent: 'CAP',
      version: 'V1',
      effectiveFrom: '2026-01-01',
      lines: [{ component: 'BOLT', qtyPer: '1', lossRate: '0.0125', issueMethod: 'backflush' }],
    } as never);
    file.taskOrders.push(
      { no: 'MO-C1', item: 'CAP', qty: '60', startDate: '2026-12-02', dueDate: '2026-12-08' },
      { no: 'MO-C2', item: 'CAP', qty: '60', startDate: '2026-12-02', dueDate: '2026-12-08' },
      // Imported with 20 already received: those count as consumed.
      {
        no: 'MO-C3',
        item: 'CAP',
        qty: '60',
        received: '20',
        startDate: '2026-12-02',
        dueDate: '2026-12-08',
      } as never,
    );
    await importFactory(api, T4, file);
    await reportGood(api, T4, 'MO-C1', '60');
    await reportGood(api, T4, 'MO-C2', '60');
    await reportGood(api, T4, 'MO-C3', '40');
  });

  async function receive(order: string, qty: string) {
    const res = await api.call<ProductionReceipt>('POST', '/api/production-receipts', {
      token: await api.token('liuyang', T4),
      headers: idem(),
      body: { taskOrder: order, date: '2026-12-05', qty },
    });
    expect(res.status).toBe(201);
    return res.body.backflush.map((b) => b.qty);
  }

  it('three receipts of 20 consume what one receipt of 60 does', async () => {
    expect(await receive('MO-C1', '60')).toEqual(['61']);
    expect(await receive('MO-C2', '20')).toEqual(['21']);
    expect(await receive('MO-C2', '20')).toEqual(['20']);
    expect(await receive('MO-C2', '20')).toEqual(['20']);
    for (const no of ['MO-C1', 'MO-C2']) {
      const order = await api.call<TaskOrder>('GET', `/api/task-orders/${no}`, {
        token: await api.token('liuyang', T4),
      });
      expect(order.body.issued).toEqual([{ item: 'BOLT', qty: '61' }]);
    }
  });

  it("an imported order's opening received counts as already consumed", async () => {
    // ⌈60 × 1.0125⌉ − ⌈20 × 1.0125⌉ = 61 − 21 = 40 over the two receipts.
    expect(await receive('MO-C3', '20')).toEqual(['20']);
    expect(await receive('MO-C3', '20')).toEqual(['20']);
  });
});

describe('production receipts against the good quantity reported', () => {
  const T5 = 'wwrcpt05';

  beforeAll(async () => {
    const file = shopfloorFile();
    file.taskOrders.push(
      { no: 'MO-R1', item: 'FAN', qty: '100', startDate: '2026-12-02', dueDate: '2026-12-08' },
      // Imported with 30 received before the product, none of it reported here.
      {
        no: 'MO-R2',
        item: 'FAN',
        qty: '60',
        received: '30',
        startDate: '2026-12-02',
        dueDate: '2026-12-08',
      } as never,
    );
    await importFactory(api, T5, file);
    await reportGood(api, T5, 'MO-R1', '40');
  });

  const receipt = async (user: string, body: Record<string, unknown>) =>
    api.call<ProductionReceipt>('POST', '/api/production-receipts', {
      token: await api.token(user, T5),
      headers: idem(),
      body: { date: '2026-12-05', ...body },
    });

  it('refuses 90 received against 40 reported with 409 naming the numbers; writes nothing', async () => {
    const before = { fan: await balances(T5, 'FAN'), bolt: await balances(T5, 'BOLT') };
    const res = await receipt('wangqiang', { taskOrder: 'MO-R1', qty: '90' });
    expect(res.status).toBe(409);
    const err = errorOf(res);
    expect(err).toMatchObject({
      code: 'receipt.aboveReported',
      details: { order: 'MO-R1', reported: '40', received: '0', requested: '90', receivable: '40' },
      issues: [{ path: ['body', 'qty'], code: 'receipt.aboveReported' }],
    });
    expect(err.message).toMatch(/已报良品 40.*本次 90.*最多还能入库 40/);
    expect(await balances(T5, 'FAN')).toEqual(before.fan);
    expect(await balances(T5, 'BOLT')).toEqual(before.bolt);
  });

  it('receives up to the good reported, and beyond it only when a supervisor allows it', async () => {
    const ok = await receipt('wangqiang', { taskOrder: 'MO-R1', qty: '25' });
    expect(ok.status).toBe(201);
    const more = await receipt('wangqiang', { taskOrder: 'MO-R1', qty: '16' });
    expect(errorOf(more)).toMatchObject({
      code: 'receipt.aboveReported',
      details: { reported: '40', received: '25', requested: '16', receivable: '15' },
    });
    // The allowance is the supervisor's, as for a report beyond the order quantity.
    const clerkAllows = await receipt('wangqiang', {
      taskOrder: 'MO-R1',
      qty: '16',
      allowAboveReported: true,
    });
    expect(clerkAllows.status).toBe(403);
    expect(errorOf(clerkAllows)).toMatchObject({
      code: 'auth.forbidden',
      details: { field: 'allowAboveReported' },
    });
    const allowed = await receipt('liuyang', {
      taskOrder: 'MO-R1',
      qty: '16',
      allowAboveReported: true,
    });
    expect(allowed.status).toBe(201);
    expect(allowed.body.taskOrder).toMatchObject({ received: '41', reportedGood: '40' });
  });

  it("counts an imported order's opening received as reported", async () => {
    const none = await receipt('wangqiang', { taskOrder: 'MO-R2', qty: '1' });
    expect(errorOf(none)).toMatchObject({
      code: 'receipt.aboveReported',
      details: { reported: '0', received: '0', opening: '30', receivable: '0' },
    });
    await reportGood(api, T5, 'MO-R2', '10');
    const ok = await receipt('wangqiang', { taskOrder: 'MO-R2', qty: '10' });
    expect(ok.status).toBe(201);
    expect(ok.body.taskOrder.received).toBe('40');
    const refused = await receipt('wangqiang', { taskOrder: 'MO-R2', qty: '1' });
    expect(errorOf(refused)).toMatchObject({
      code: 'receipt.aboveReported',
      details: { reported: '10', received: '10', opening: '30', receivable: '0' },
    });
  });
});
