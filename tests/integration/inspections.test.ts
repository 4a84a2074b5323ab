import type {
  Balance,
  InspectionDetail,
  InspectionDisposed,
  InspectionResultPosted,
  InspectionView,
  OutboxEntry,
  Page,
  PurchaseReceipt,
} from '@factory/shared';
import { getDeps } from '../../functions/src/deps.js';
import { loadPlanningInput } from '../../functions/src/usecases/mrp/load.js';
import { errorOf, startApi, type Api } from './harness.js';
import { seedUsers } from './salesHarness.js';
import { idem, importFactory, shopfloorFile } from './shopfloorHarness.js';

/**
 * Purchase receipts through quality (DOMAIN.md "Quality"): the receipt opens inspection
 * orders, a result moves stock out of inspection, dispositions return and scrap, a wrong
 * result is reversed. MOTOR (PO-1 line 2, 10 ordered, 2 received) is flagged for inspection.
 */
// A corp the WeCom simulator knows, so the inspectors' notice is delivered.
const T = 'wwdemo01';
let api: Api;
let qc: string;
let clerk: string;
let admin: string;

beforeAll(async () => {
  api = await startApi({ wecom: {} });
  await importFactory(api, T, shopfloorFile());
  await seedUsers(T);
  qc = await api.token('zhaomin', T);
  clerk = await api.token('wangqiang', T);
  admin = await api.token('admin', T);
  for (const body of [
    { code: 'SCRATCH', name: '划伤', category: '外观' },
    { code: 'DIM', name: '尺寸超差', category: '尺寸' },
  ]) {
    const res = await api.call('POST', '/api/defects', { token: qc, body });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  }
});
afterAll(() => api.close());

async function balances(item: string): Promise<Record<string, string>> {
  const res = await api.call<Page<Balance>>('GET', `/api/stock/balances?item=${item}`, {
    token: clerk,
  });
  return Object.fromEntries(res.body.items.map((b) => [`${b.warehouse}/${b.status}`, b.qty]));
}

async function inTransit(): Promise<Record<string, string>> {
  const input = await loadPlanningInput(getDeps(), T, '2026-12-01', 30);
  return Object.fromEntries(input.purchaseOrders.map((p) => [p.item, p.qty]));
}

async function receiveMotor(qty: string): Promise<PurchaseReceipt> {
  const res = await api.call<PurchaseReceipt>('POST', '/api/purchase-receipts', {
    token: clerk,
    headers: idem(),
    body: { purchaseOrder: 'PO-1', date: '2026-12-03', lines: [{ line: 2, qty }] },
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body;
}

const post = <T>(path: string, body: unknown, token = qc, headers = idem()) =>
  api.call<T>('POST', path, { token, body, headers });

describe('a purchase receipt through quality', () => {
  let receipt: PurchaseReceipt;
  let no: string;

  it('opens one inspection order per line in inspection, listed oldest first, with a WeCom notice', async () => {
    receipt = await receiveMotor('5');
    no = `QC-${receipt.document.no}-1`;
    expect(await balances('MOTOR')).toEqual({ 'RM/inspection': '5' });
    const list = await api.call<Page<InspectionView>>('GET', '/api/inspections', { token: qc });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        no,
        receipt: { kind: 'purchase', doc: receipt.document.no, line: 1 },
        item: 'MOTOR',
        itemName: '物料MOTOR',
        qty: '5',
        warehouse: 'RM',
        source: { order: 'PO-1', line: 2 },
        partner: 'S1',
        status: 'open',
        undisposed: '0',
      }),
    ]);
    const scanned = await api.call<Page<InspectionView>>(
      'GET',
      `/api/inspections?receipt=${receipt.document.no}`,
      { token: qc },
    );
    expect(scanned.body.items.map((o) => o.no)).toEqual([no]);

    await api.runtime.outbox.idle();
    const sent = await api.call<Page<OutboxEntry>>(
      'GET',
      '/api/outbox?status=delivered&limit=200',
      {
        token: admin,
      },
    );
    const notices = sent.body.items.filter((e) => e.kind === 'inspectionNotice');
    expect(notices.map((e) => e.recipients)).toEqual([['zhaomin']]);
    const texts = api.runtime
      .wecom!.sim.sentMessages(T)
      .filter((m) => m.msgtype === 'text' && JSON.stringify(m.content).includes('【待检】'));
    expect(texts).toHaveLength(1);
    expect(JSON.stringify(texts[0]!.content)).toContain(no);
  });

  it('refuses a result that does not add up, naming the fields; nothing is written', async () => {
    const bad = await post(`/api/inspections/${no}/results`, {
      sampled: '6',
      accepted: '3',
      rejected: '1',
      defects: [{ code: 'NOPE', qty: '1' }],
    });
    expect(bad.status).toBe(400);
    expect(
      errorOf(bad)
        .issues!.map((i) => i.path.join('.'))
        .sort(),
    ).toEqual(['body.accepted', 'body.defects.0.code', 'body.sampled']);
    const malformed = await post(`/api/inspections/${no}/results`, { sampled: 'x', accepted: -1 });
    expect(malformed.status).toBe(400);
    expect(await balances('MOTOR')).toEqual({ 'RM/inspection': '5' });
  });

  it('posts a result: accepted becomes available, rejected moves to rejected; a second result is refused', async () => {
    const res = await post<InspectionResultPosted>(`/api/inspections/${no}/results`, {
      sampled: '5',
      accepted: '3',
      rejected: '2',
      defects: [{ code: 'SCRATCH', qty: '2' }],
    });
    expect(res.status).toBe(201);
    expect(res.body.inspection).toMatchObject({ status: 'inspected', undisposed: '2' });
    expect(res.body.result).toMatchObject({ accepted: '3', rejected: '2', inspector: 'zhaomin' });
    expect(await balances('MOTOR')).toEqual({
      'RM/available': '3',
      'RM/rejected': '2',
    });
    const again = await post(`/api/inspections/${no}/results`, {
      sampled: '5',
      accepted: '5',
      rejected: '0',
    });
    expect(again.status).toBe(400);
    expect(errorOf(again).issues![0]!.message).toContain('已检验');
  });

  it('reverses a wrong result, then takes the corrected one', async () => {
    const detail = await api.call<InspectionDetail>('GET', `/api/inspections/${no}`, { token: qc });
    const first = detail.body.result!;
    const rev = await post<InspectionResultPosted>(`/api/inspections/${no}/reversals`, {
      reverses: first,
      reason: '数量录错',
    });
    expect(rev.status).toBe(201);
    expect(rev.body.result).toMatchObject({ reverses: first, accepted: '3', rejected: '2' });
    expect(rev.body.inspection.status).toBe('open');
    expect(await balances('MOTOR')).toEqual({
      'RM/inspection': '5',
    });
    const twice = await post(`/api/inspections/${no}/reversals`, { reverses: first, reason: 'x' });
    expect(twice.status).toBe(400);
    const fixed = await post<InspectionResultPosted>(`/api/inspections/${no}/results`, {
      sampled: '5',
      accepted: '2',
      rejected: '3',
      defects: [
        { code: 'SCRATCH', qty: '2' },
        { code: 'DIM', qty: '1' },
      ],
    });
    expect(fixed.status).toBe(201);
    expect(await balances('MOTOR')).toEqual({
      'RM/available': '2',
      'RM/rejected': '3',
    });
  });

  it('refuses dispositions that do not sum to the rejected quantity, or dispose more', async () => {
    const short = await post(`/api/inspections/${no}/dispositions`, {
      lines: [{ kind: 'scrap', qty: '1' }],
    });
    expect(short.status).toBe(400);
    expect(errorOf(short).issues!.map((i) => i.path.join('.'))).toEqual(['body.lines']);
    const over = await post(`/api/inspections/${no}/dispositions`, {
      lines: [{ kind: 'scrap', qty: '4' }],
    });
    expect(over.status).toBe(400);
    expect(
      errorOf(over)
        .issues!.map((i) => i.path.join('.'))
        .sort(),
    ).toEqual(['body.lines', 'body.lines.0.qty']);
  });

  it('returns part to the supplier (the line is open again for MRP) and scraps the rest, in one transaction', async () => {
    expect(await inTransit()).toEqual({ BOLT: '100', MOTOR: '3' });
    const res = await post<InspectionDisposed>(`/api/inspections/${no}/dispositions`, {
      lines: [
        { kind: 'returnToSupplier', qty: '2' },
        { kind: 'scrap', qty: '1' },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.inspection).toMatchObject({ status: 'disposed', undisposed: '0' });
    expect(res.body.documents).toHaveLength(2);
    expect(await balances('MOTOR')).toEqual({
      'RM/available': '2',
    });
    // Received 2 + 5 - 2 returned = 5 of 10: MRP sees 5 open again.
    expect(await inTransit()).toEqual({ BOLT: '100', MOTOR: '5' });
    const again = await post(`/api/inspections/${no}/dispositions`, {
      lines: [{ kind: 'scrap', qty: '1' }],
    });
    expect(again.status).toBe(400);
    expect(errorOf(again).issues![0]!.message).toContain('已处置');
    const done = await api.call<Page<InspectionView>>('GET', '/api/inspections?status=disposed', {
      token: qc,
    });
    expect(done.body.items.map((o) => o.no)).toEqual([no]);
  });

  it('keeps the pass rate and the defects for the reports (the reversed result counts nowhere)', async () => {
    const rates = await api.call<{ rows: unknown[]; total: unknown }>(
      'GET',
      '/api/quality/pass-rates?by=supplier&from=2026-11-01&to=2026-12-31',
      { token: qc },
    );
    expect(rates.status).toBe(200);
    expect(rates.body.rows).toEqual([
      {
        key: 'S1',
        name: '供应商一',
        inspected: '5',
        accepted: '2',
        rejected: '3',
        conceded: '0',
        passRate: '0.4',
      },
    ]);
    const pareto = await api.call<{ rows: unknown[] }>(
      'GET',
      '/api/quality/defects?from=2026-11-01&to=2026-12-31',
      { token: qc },
    );
    expect(pareto.body.rows).toEqual([
      {
        code: 'SCRATCH',
        name: '划伤',
        category: '外观',
        qty: '2',
        share: '0.6667',
        cumulative: '0.6667',
      },
      {
        code: 'DIM',
        name: '尺寸超差',
        category: '尺寸',
        qty: '1',
        share: '0.3333',
        cumulative: '1',
      },
    ]);
  });
});

describe('inspection orders under concurrency, roles and tenants', () => {
  it('two inspectors posting at once: one result wins, the other is refused, stock moves once', async () => {
    const receipt = await receiveMotor('2');
    const no = `QC-${receipt.document.no}-1`;
    const before = await balances('MOTOR');
    const body = { sampled: '2', accepted: '2', rejected: '0' };
    const [a, b] = await Promise.all([
      post(`/api/inspections/${no}/results`, body),
      post(`/api/inspections/${no}/results`, body),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 400]);
    const after = await balances('MOTOR');
    expect(Number(after['RM/available'] ?? 0)).toBe(Number(before['RM/available'] ?? 0) + 2);
    expect(Number(after['RM/inspection'] ?? 0)).toBe(Number(before['RM/inspection']) - 2);
  });

  it('the warehouse reads but may not post results; another tenant sees nothing', async () => {
    const receipt = await receiveMotor('1');
    const no = `QC-${receipt.document.no}-1`;
    const read = await api.call('GET', `/api/inspections/${no}`, { token: clerk });
    expect(read.status).toBe(200);
    const denied = await post(
      `/api/inspections/${no}/results`,
      { sampled: '1', accepted: '1', rejected: '0' },
      clerk,
    );
    expect(denied.status).toBe(403);
    const stranger = await api.token('zhaomin', 'wwdemo02');
    const hidden = await api.call('GET', `/api/inspections/${no}`, { token: stranger });
    expect(hidden.status).toBe(404);
    const list = await api.call<Page<InspectionView>>('GET', '/api/inspections', {
      token: stranger,
    });
    expect(list.body.items).toEqual([]);
  });

  it("a warehouse's own inspectors get its notices instead of every QC user", async () => {
    const wh = await api.call<{ version: number }>('GET', '/api/warehouses/RM', { token: admin });
    const set = await api.call('PATCH', '/api/warehouses/RM', {
      token: admin,
      body: { expectedVersion: wh.body.version, inspectors: ['zhoujun'] },
    });
    expect(set.status).toBe(200);
    const receipt = await receiveMotor('1');
    await api.runtime.outbox.idle();
    const sent = await api.call<Page<OutboxEntry>>(
      'GET',
      '/api/outbox?status=delivered&limit=200',
      {
        token: admin,
      },
    );
    const notice = sent.body.items.find((e) => e.ref?.receipt === receipt.document.no);
    expect(notice).toMatchObject({ kind: 'inspectionNotice', recipients: ['zhoujun'] });
  });
});
