import type {
  Approval,
  ApprovalRules,
  FormDefinition,
  FormRequest,
  InboxEntry,
  Page,
  PurchaseOrder,
} from '@factory/shared';
import { useApprovalNotifier } from '../../functions/src/deps.js';
import { anItem, errorOf, seedBasics, startApi, type Api } from './harness.js';
import { recordingNotifier, seedUsers } from './salesHarness.js';
import { idem } from './shopfloorHarness.js';

/**
 * Generic approvals over the local runtime (issue 16, deliverable 3; docs/forms.md): forms
 * defined by the admin and checked, a leave request through the manager's approval with its
 * WeCom card, a purchase request approved and turned into a purchase order (once), tenant
 * isolation and an employee kept to their own requests. The business date is 2026-12-01.
 */
const T = 'wwforms01';
let api: Api;
let admin: string;
let worker: string; // 陈杰（操作工）: the requester
let other: string; // 王强（仓管）: another employee
let planner: string; // 李娜（计划）: checks purchase requests and orders
let manager: string; // 周军（厂长）
let cards: ReturnType<typeof recordingNotifier>;

const call = <R>(method: string, path: string, token: string, body?: unknown) =>
  api.call<R>(method, path, {
    token,
    ...(method === 'GET' ? {} : { headers: idem() }),
    ...(body !== undefined ? { body } : {}),
  });
const paths = (res: Parameters<typeof errorOf>[0]) =>
  errorOf(res).issues?.map((i) => i.path.join('.'));

const LEAVE = {
  name: '请假',
  kind: 'leave',
  fields: [
    {
      key: 'type',
      label: '请假类型',
      type: 'select',
      required: true,
      options: ['年假', '病假', '事假'],
    },
    { key: 'from', label: '开始日期', type: 'date', required: true },
    { key: 'to', label: '结束日期', type: 'date', required: true },
    { key: 'days', label: '天数', type: 'number', required: true, min: 0.5, max: 365 },
    { key: 'reason', label: '事由', type: 'textarea', required: true, max: 500 },
  ],
};
const PURCHASE = {
  name: '采购申请',
  kind: 'purchaseRequest',
  fields: [{ key: 'reason', label: '申请事由', type: 'textarea' }],
};

beforeAll(async () => {
  api = await startApi();
  await seedUsers(T);
  await seedBasics(api, T);
  [admin, worker, other, planner, manager] = await Promise.all([
    api.token('admin', T),
    api.token('chenjie', T),
    api.token('wangqiang', T),
    api.token('lina', T),
    api.token('zhoujun', T),
  ]);
  await call(
    'POST',
    '/api/items',
    admin,
    anItem({ code: 'FAN', name: '风扇', source: 'manufactured' }),
  );
  // Steel from S1 at ¥5.00 a kg, bolts at ¥0.50 each.
  for (const body of [
    { supplier: 'S1', item: 'STEEL', unitPrice: '5', effectiveFrom: '2026-01-01' },
    { supplier: 'S1', item: 'BOLT', unitPrice: '0.5', effectiveFrom: '2026-01-01' },
  ]) {
    const res = await call('POST', '/api/price-lists', planner, body);
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  }
  cards = recordingNotifier();
  useApprovalNotifier(cards.notifier);
});
afterEach(() => api.runtime.outbox.idle());
afterAll(async () => {
  useApprovalNotifier(undefined);
  await api.close();
});

describe('form definitions', () => {
  it('an admin defines forms; a bad definition names each bad field', async () => {
    const leave = await call<FormDefinition>('PUT', '/api/forms/LEAVE', admin, LEAVE);
    expect(leave.status).toBe(200);
    expect(leave.body).toMatchObject({ code: 'LEAVE', kind: 'leave', active: true, version: 1 });
    expect(leave.body.fields[4]).toEqual({
      key: 'reason',
      label: '事由',
      type: 'textarea',
      required: true,
      max: 500,
    });
    expect((await call('PUT', '/api/forms/PURCHASE', admin, PURCHASE)).status).toBe(200);
    const general = await call<FormDefinition>('PUT', '/api/forms/GENERAL', admin, {
      name: '通用申请',
      kind: 'general',
      fields: [
        { key: 'subject', label: '标题', type: 'text', required: true },
        { key: 'amount', label: '金额', type: 'money' },
      ],
      amountField: 'amount',
    });
    expect(general.status).toBe(200);

    const bad = await call('PUT', '/api/forms/BAD', admin, {
      name: '坏表单',
      kind: 'general',
      fields: [
        { key: 'a', label: '甲', type: 'text' },
        { key: 'a', label: '乙', type: 'number' },
        { key: 'pick', label: '选择', type: 'select' },
        { key: 'day', label: '日期', type: 'date', min: 1 },
        { key: 'n', label: '数', type: 'number', min: 5, max: 1 },
        { key: 'x', label: '未知', type: 'user' },
        { key: 'Bad-Key', label: '键', type: 'text' },
      ],
      amountField: 'a',
    });
    expect(bad.status).toBe(400);
    expect(paths(bad)).toEqual(
      expect.arrayContaining([
        'body.fields.2.options',
        'body.fields.3.min',
        'body.fields.4.max',
        'body.fields.5.type',
        'body.fields.6.key',
      ]),
    );
    // Duplicate keys, once the fields themselves are well formed.
    const twice = await call('PUT', '/api/forms/BAD', admin, {
      name: '坏表单',
      kind: 'general',
      fields: [
        { key: 'a', label: '甲', type: 'text' },
        { key: 'a', label: '乙', type: 'number' },
      ],
    });
    expect(paths(twice)).toEqual(['body.fields.1.key']);
    expect(
      (
        await call('PUT', '/api/forms/BAD', admin, {
          name: 'x',
          kind: 'leave',
          fields: [],
          amountField: 'zz',
        })
      ).status,
    ).toBe(400);
    expect(
      (await call('PUT', '/api/forms/BAD', admin, { name: 'x', kind: 'vacation' })).status,
    ).toBe(400);
    // Only an admin keeps the forms; everyone reads the active ones.
    expect((await call('PUT', '/api/forms/X', manager, LEAVE)).status).toBe(403);
    const list = await call<FormDefinition[]>('GET', '/api/forms', worker);
    expect(list.body.map((f) => f.code)).toEqual(['GENERAL', 'LEAVE', 'PURCHASE']);
    await call('PUT', '/api/forms/OLD', admin, { ...LEAVE, name: '旧请假', active: false });
    expect((await call('GET', '/api/forms/OLD', worker)).status).toBe(404);
    expect((await call('GET', '/api/forms/OLD', admin)).status).toBe(200);
    expect((await call<FormDefinition[]>('GET', '/api/forms', worker)).body).toHaveLength(3);
  });

  it('the rules name each form: the planner checks purchase requests, the manager above ¥10,000', async () => {
    const read = await call<ApprovalRules>('GET', '/api/approval-rules', admin);
    const put = await call('PUT', '/api/approval-rules', admin, {
      expectedVersion: read.body.version,
      rules: {
        ...read.body.rules,
        forms: {
          PURCHASE: {
            steps: [
              { name: '计划审核', roles: ['planner'] },
              { name: '经理审批', roles: ['manager'], amountAbove: 1_000_000 },
            ],
          },
        },
      },
    });
    expect(put.status).toBe(200);
  });
});

describe('requests', () => {
  let leaveNo: string;

  it('refuses missing required fields, wrong types and unknown keys, naming each', async () => {
    const bad = await call('POST', '/api/form-requests', worker, {
      form: 'LEAVE',
      values: { type: '婚假', from: '2026-12-32', days: '两天', extra: 1 },
    });
    expect(bad.status).toBe(400);
    expect(new Set(paths(bad))).toEqual(
      new Set([
        'body.values.extra',
        'body.values.type',
        'body.values.from',
        'body.values.to',
        'body.values.days',
        'body.values.reason',
      ]),
    );
    const missing = await call('POST', '/api/form-requests', worker, {
      form: 'LEAVE',
      values: { type: '年假', from: '2026-12-07', to: '2026-12-08', days: 2 },
    });
    expect(missing.status).toBe(400);
    expect(errorOf(missing).issues).toEqual([
      { path: ['body', 'values', 'reason'], message: '请填写事由' },
    ]);
    const tooMany = await call('POST', '/api/form-requests', worker, {
      form: 'LEAVE',
      values: { type: '年假', from: '2026-12-07', to: '2026-12-08', days: 400, reason: 'x' },
    });
    expect(paths(tooMany)).toEqual(['body.values.days']);
    expect(
      paths(await call('POST', '/api/form-requests', worker, { form: 'NOPE', values: {} })),
    ).toEqual(['body.form']);
    expect(
      paths(await call('POST', '/api/form-requests', worker, { form: 'OLD', values: {} })),
    ).toEqual(['body.form']);
    const lines = await call('POST', '/api/form-requests', worker, {
      form: 'LEAVE',
      values: { type: '年假', from: '2026-12-07', to: '2026-12-08', days: 2, reason: 'x' },
      lines: [{ item: 'BOLT', qty: '1', neededDate: '2026-12-10' }],
    });
    expect(paths(lines)).toEqual(['body.lines']);
    // Nothing was written.
    expect((await call<FormRequest[]>('GET', '/api/form-requests', worker)).body).toEqual([]);
  });

  it('a leave request goes to the manager: inbox, WeCom card, approved', async () => {
    const created = await call<FormRequest>('POST', '/api/form-requests', worker, {
      form: 'LEAVE',
      values: { type: '年假', from: '2026-12-07', to: '2026-12-08', days: 2, reason: '回老家' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      form: 'LEAVE',
      formName: '请假',
      kind: 'leave',
      requester: 'chenjie',
      status: 'pending',
      version: 1,
    });
    expect(created.body.values.map((v) => [v.label, v.value])).toEqual([
      ['请假类型', '年假'],
      ['开始日期', '2026-12-07'],
      ['结束日期', '2026-12-08'],
      ['天数', 2],
      ['事由', '回老家'],
    ]);
    leaveNo = created.body.no;
    expect(leaveNo).toMatch(/^FR-20261201-\d{4}$/);

    const inbox = await call<Page<InboxEntry>>('GET', '/api/approvals/inbox', manager);
    const row = inbox.body.items.find((e) => e.docNo === leaveNo)!;
    expect(row).toMatchObject({
      docType: 'formRequest',
      title: `申请 ${leaveNo}`,
      state: 'pending',
    });
    // The card goes through the outbox to the manager.
    await api.runtime.outbox.idle();
    const card = cards.sent.find((c) => c.taskId === `ap-${created.body.approvalId}-1`)!;
    expect(card.touser).toEqual(['zhoujun']);
    expect(card.title).toBe('申请审批');
    expect(card.fields).toEqual(
      expect.arrayContaining([
        { key: '表单', value: '请假' },
        { key: '请假类型', value: '年假' },
      ]),
    );
    // The requester cannot decide their own request; the manager approves.
    expect(
      (await call('POST', `/api/approvals/${created.body.approvalId}/approve`, worker, {})).status,
    ).toBe(403);
    const decided = await call<Approval>(
      'POST',
      `/api/approvals/${created.body.approvalId}/approve`,
      manager,
      {},
    );
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('approved');
    const read = await call<FormRequest>('GET', `/api/form-requests/${leaveNo}`, worker);
    expect(read.body).toMatchObject({ status: 'approved', version: 2 });
    // Approved: no longer withdrawn.
    const late = await call('POST', `/api/form-requests/${leaveNo}/withdraw`, worker, {});
    expect(late.status).toBe(409);
    expect(errorOf(late).code).toBe('formRequest.invalidState');
  });

  it('a pending request is withdrawn by its requester; its approval is cancelled', async () => {
    const created = await call<FormRequest>('POST', '/api/form-requests', worker, {
      form: 'GENERAL',
      values: { subject: '申请新工装', amount: '320.00' },
    });
    expect(created.body.amount).toEqual({ amount: 32000, scale: 2, currency: 'CNY' });
    expect(
      (await call('POST', `/api/form-requests/${created.body.no}/withdraw`, other, {})).status,
    ).toBe(403);
    const withdrawn = await call<FormRequest>(
      'POST',
      `/api/form-requests/${created.body.no}/withdraw`,
      worker,
      { comment: '不需要了' },
    );
    expect(withdrawn.body.status).toBe('withdrawn');
    const approval = await call<Approval>(
      'GET',
      `/api/approvals/${created.body.approvalId}`,
      manager,
    );
    expect(approval.body.status).toBe('cancelled');
  });

  it('an employee sees only their own requests; managers see all', async () => {
    const theirs = await call('GET', `/api/form-requests/${leaveNo}`, other);
    expect(theirs.status).toBe(403);
    expect(errorOf(theirs).code).toBe('auth.forbidden');
    expect((await call<FormRequest[]>('GET', '/api/form-requests', other)).body).toEqual([]);
    expect((await call('GET', '/api/form-requests?requester=chenjie', other)).status).toBe(403);
    const mine = await call<FormRequest[]>('GET', '/api/form-requests', worker);
    expect(mine.body.map((r) => r.status)).toEqual(['withdrawn', 'approved']);
    const leaves = await call<FormRequest[]>('GET', '/api/form-requests?form=LEAVE', manager);
    expect(leaves.body.map((r) => r.no)).toEqual([leaveNo]);
    // A planner reads purchase requests only.
    expect((await call('GET', `/api/form-requests/${leaveNo}`, planner)).status).toBe(403);
  });
});

describe('a purchase request becomes a purchase order', () => {
  let prNo: string;
  let approvalId: string;

  it('checks the lines against master data', async () => {
    const bad = await call('POST', '/api/form-requests', worker, {
      form: 'PURCHASE',
      values: {},
      lines: [
        { item: 'NOPE', qty: '1', neededDate: '2026-12-10' },
        { item: 'FAN', qty: '1', neededDate: '2026-12-10' },
        { item: 'BOLT', qty: '1.5', neededDate: '2026-12-10' },
        { item: 'STEEL', qty: '1', neededDate: '2026-12-10', supplier: 'NOPE' },
        { item: 'STEEL', qty: '0', neededDate: 'soon' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(new Set(paths(bad))).toEqual(new Set(['body.lines.4.qty', 'body.lines.4.neededDate']));
    const master = await call('POST', '/api/form-requests', worker, {
      form: 'PURCHASE',
      values: {},
      lines: [
        { item: 'NOPE', qty: '1', neededDate: '2026-12-10' },
        { item: 'FAN', qty: '1', neededDate: '2026-12-10' },
        { item: 'BOLT', qty: '1.5', neededDate: '2026-12-10' },
        { item: 'STEEL', qty: '1', neededDate: '2026-12-10', supplier: 'NOPE' },
      ],
    });
    expect(paths(master)).toEqual([
      'body.lines.0.item',
      'body.lines.1.item',
      'body.lines.2.qty',
      'body.lines.3.supplier',
    ]);
    expect(
      paths(await call('POST', '/api/form-requests', worker, { form: 'PURCHASE', values: {} })),
    ).toEqual(['body.lines']);
  });

  it('estimated from the price list: above ¥10,000 the planner and then the manager decide', async () => {
    const created = await call<FormRequest>('POST', '/api/form-requests', worker, {
      form: 'PURCHASE',
      values: { reason: '新产线备料' },
      lines: [
        { item: 'STEEL', qty: '2500.5', neededDate: '2026-12-15', supplier: 'S1' },
        { item: 'BOLT', qty: '1000', neededDate: '2026-12-20', note: 'M8' },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body.lines).toEqual([
      expect.objectContaining({
        line: 1,
        item: 'STEEL',
        unit: 'kg',
        qty: '2500.5',
        estimatedPrice: '5',
      }),
      expect.objectContaining({
        line: 2,
        item: 'BOLT',
        unit: 'pcs',
        estimatedPrice: '0.5',
        note: 'M8',
      }),
    ]);
    // 2500.5 × 5 + 1000 × 0.5 = ¥13,002.50
    expect(created.body.amount!.amount).toBe(1_300_250);
    prNo = created.body.no;
    approvalId = created.body.approvalId!;
    const approval = await call<Approval>('GET', `/api/approvals/${approvalId}`, manager);
    expect(approval.body.steps.map((s) => s.name)).toEqual(['计划审核', '经理审批']);

    // Pending: not yet an order.
    const early = await call('POST', '/api/purchase-orders/from-request', planner, {
      request: prNo,
      supplier: 'S1',
    });
    expect(early.status).toBe(409);
    expect(errorOf(early).code).toBe('formRequest.invalidState');

    expect(
      (await call<Approval>('POST', `/api/approvals/${approvalId}/approve`, planner, {})).body
        .status,
    ).toBe('pending');
    expect(
      (await call<Approval>('POST', `/api/approvals/${approvalId}/approve`, manager, {})).body
        .status,
    ).toBe('approved');
    const approved = await call<FormRequest>('GET', `/api/form-requests/${prNo}`, planner);
    expect(approved.body.status).toBe('approved');
  });

  it('the approved request becomes a draft order with its lines, priced from the price list, once', async () => {
    expect(
      (
        await call('POST', '/api/purchase-orders/from-request', worker, {
          request: prNo,
          supplier: 'S1',
        })
      ).status,
    ).toBe(403);
    const badLine = await call('POST', '/api/purchase-orders/from-request', planner, {
      request: prNo,
      supplier: 'S1',
      lines: [{ line: 3 }],
    });
    expect(paths(badLine)).toEqual(['body.lines.0.line']);

    const po = await call<PurchaseOrder>('POST', '/api/purchase-orders/from-request', planner, {
      request: prNo,
      supplier: 'S1',
    });
    expect(po.status).toBe(201);
    expect(po.body).toMatchObject({ status: 'draft', supplier: 'S1', request: prNo });
    expect(
      po.body.lines.map((l) => [l.item, l.qty, l.dueDate, l.unitPrice, l.priceSource]),
    ).toEqual([
      ['STEEL', '2500.5', '2026-12-15', '5', 'priceList'],
      ['BOLT', '1000', '2026-12-20', '0.5', 'priceList'],
    ]);
    expect(po.body.total.amount).toBe(1_300_250);
    const read = await call<FormRequest>('GET', `/api/form-requests/${prNo}`, worker);
    expect(read.body.purchaseOrder).toBe(po.body.no);
    const stored = await call<PurchaseOrder>('GET', `/api/purchase-orders/${po.body.no}`, planner);
    expect(stored.body.request).toBe(prNo);

    const again = await call('POST', '/api/purchase-orders/from-request', planner, {
      request: prNo,
      supplier: 'S1',
    });
    expect(again.status).toBe(409);
    expect(errorOf(again).code).toBe('formRequest.alreadyConverted');
    expect(errorOf(again).message).toContain(po.body.no);
  });

  it('a rejected request is not ordered; a typed price wins over the list', async () => {
    const created = await call<FormRequest>('POST', '/api/form-requests', worker, {
      form: 'PURCHASE',
      values: {},
      lines: [
        { item: 'BOLT', qty: '10', neededDate: '2026-12-20' },
        { item: 'STEEL', qty: '3', neededDate: '2026-12-21' },
      ],
    });
    // ¥20.00 (the lowest list prices, no supplier suggested): the planner alone decides.
    expect(created.body.amount!.amount).toBe(2000);
    const rejected = await call<FormRequest>('POST', '/api/form-requests', worker, {
      form: 'PURCHASE',
      values: {},
      lines: [{ item: 'BOLT', qty: '10', neededDate: '2026-12-20' }],
    });
    await call('POST', `/api/approvals/${rejected.body.approvalId}/reject`, planner, {
      comment: '库存够用',
    });
    const refused = await call('POST', '/api/purchase-orders/from-request', planner, {
      request: rejected.body.no,
      supplier: 'S1',
    });
    expect(refused.status).toBe(409);
    expect(errorOf(refused).code).toBe('formRequest.invalidState');

    await call('POST', `/api/approvals/${created.body.approvalId}/approve`, planner, {});
    const po = await call<PurchaseOrder>('POST', '/api/purchase-orders/from-request', planner, {
      request: created.body.no,
      supplier: 'S1',
      lines: [{ line: 2, price: '4.2' }],
    });
    expect(po.status).toBe(201);
    expect(po.body.lines.map((l) => [l.item, l.qty, l.unitPrice, l.priceSource])).toEqual([
      ['STEEL', '3', '4.2', 'manual'],
    ]);
    // A leave request is no purchase request.
    const leave = await call('POST', '/api/purchase-orders/from-request', planner, {
      request: (await call<FormRequest[]>('GET', '/api/form-requests?form=LEAVE', manager)).body[0]!
        .no,
      supplier: 'S1',
    });
    expect(paths(leave)).toEqual(['body.request']);
  });

  it("another tenant finds no form, request or conversion of this tenant's", async () => {
    await seedUsers('wwforms02');
    const stranger = await api.token('zhoujun', 'wwforms02');
    const strangerAdmin = await api.token('admin', 'wwforms02');
    expect((await call('GET', `/api/form-requests/${prNo}`, stranger)).status).toBe(404);
    expect((await call<FormRequest[]>('GET', '/api/form-requests', stranger)).body).toEqual([]);
    expect((await call('GET', '/api/forms/LEAVE', stranger)).status).toBe(404);
    expect((await call<FormDefinition[]>('GET', '/api/forms', strangerAdmin)).body).toEqual([]);
    expect(
      paths(
        await call('POST', '/api/form-requests', stranger, {
          form: 'LEAVE',
          values: {},
        }),
      ),
    ).toEqual(['body.form']);
    const convert = await call('POST', '/api/purchase-orders/from-request', stranger, {
      request: prNo,
      supplier: 'S1',
    });
    expect(paths(convert)).toEqual(['body.request']);
  });
});
