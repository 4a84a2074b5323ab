import type {
  Approval,
  ApprovalRules,
  InboxEntry,
  Kitting,
  OutboxEntry,
  Page,
  SalesOrder,
  TaskOrder,
} from '@factory/shared';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { getDeps, useApprovalNotifier } from '../../functions/src/deps.js';
import { keys } from '../../functions/src/store/keys.js';
import { loadPlanningInput } from '../../functions/src/usecases/mrp/load.js';
import { approvedBom } from './bomHarness.js';
import { errorOf, seedBasics, startApi, type Api } from './harness.js';
import {
  aSalesOrder,
  recordingNotifier,
  seedSales,
  seedUsers,
  submittedOrder,
} from './salesHarness.js';

let api: Api;
let sales: string;
let manager: string;
let admin: string;
let cards: ReturnType<typeof recordingNotifier>;

/** 300 × ¥199.90 = ¥59,970.00: above the default ¥50,000.00 threshold. */
const BIG = aSalesOrder({
  lines: [{ item: 'FAN', qty: '300', unitPrice: '199.90', dueDate: '2026-12-20' }],
});

beforeAll(async () => {
  api = await startApi();
  await seedBasics(api);
  await seedSales(api);
  await seedUsers();
  sales = await api.token('zhangwei');
  manager = await api.token('zhoujun');
  admin = await api.token('admin');
});
beforeEach(() => {
  cards = recordingNotifier();
  useApprovalNotifier(cards.notifier);
});
// Cards and messages go out through the outbox after the requests answered: each test's are
// delivered (to its own recorder) before the next test starts.
afterEach(() => settle());

/** Every card and message written to the outbox so far delivered (or failed). */
const settle = () => api.runtime.outbox.idle();
afterAll(async () => {
  useApprovalNotifier(undefined);
  await api.close();
});

const inbox = async (token: string, state = 'pending') =>
  (await api.call<Page<InboxEntry>>('GET', `/api/approvals/inbox?state=${state}`, { token })).body
    .items;

describe('entry and totals', () => {
  it('prices every line to the fen with dinero.js and tracks MTO lines by the order number', async () => {
    const res = await api.call<SalesOrder>('POST', '/api/sales-orders', {
      token: sales,
      body: aSalesOrder({
        lines: [
          { item: 'FAN', qty: '3', unitPrice: '0.10', dueDate: '2026-12-20' },
          { item: 'STEEL', qty: '2.125', unitPrice: '3.33', dueDate: '2026-12-21' },
          { item: 'FAN-X', qty: '1', unitPrice: '1999', dueDate: '2026-12-22' },
        ],
      }),
    });
    expect(res.status).toBe(201);
    const o = res.body;
    expect(o).toMatchObject({
      status: 'draft',
      origin: 'entry',
      customer: 'C1',
      customerName: '客户一',
      version: 1,
      createdBy: 'zhangwei',
    });
    expect(o.no).toMatch(/^SO-\d{8}-\d{4}$/);
    // 3 × 0.10 = 0.30 exactly; 2.125 × 3.33 = 7.07625 -> 7.08; total 2006.38.
    expect(o.lines.map((l) => l.amount?.amount)).toEqual([30, 708, 199900]);
    expect(o.total).toEqual({ amount: 200638, scale: 2, currency: 'CNY' });
    expect(o.lines[0]!.trackingNo).toBeUndefined();
    expect(o.lines[2]!.trackingNo).toBe(o.no);
  });

  it('refuses bad input with every bad field path (contract and master data)', async () => {
    const shape = await api.call('POST', '/api/sales-orders', {
      token: sales,
      body: {
        lines: [
          { item: 'FAN', qty: 'abc', unitPrice: '1.2345678', dueDate: '2026-13-01' },
          { item: 'FAN', qty: '-1', unitPrice: '1', dueDate: '2026-12-01', extra: 1 },
        ],
      },
    });
    expect(shape.status).toBe(400);
    const paths = errorOf(shape).issues!.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.customer',
        'body.lines.0.qty',
        'body.lines.0.unitPrice',
        'body.lines.0.dueDate',
        'body.lines.1.qty',
        'body.lines.1.extra',
      ]),
    );
    expect(errorOf(shape).issues!.every((i) => /[\u4e00-\u9fa5]/.test(i.message))).toBe(true);

    const business = await api.call('POST', '/api/sales-orders', {
      token: sales,
      body: {
        customer: 'S1',
        lines: [
          { item: 'FAN', qty: '1.5', unitPrice: '10', dueDate: '2026-12-20' },
          { item: 'NOPE', qty: '1', unitPrice: '10', dueDate: '2026-12-20' },
          { item: 'STEEL', qty: '1.0005', unitPrice: '10', dueDate: '2026-12-20' },
        ],
      },
    });
    expect(business.status).toBe(400);
    expect(errorOf(business).issues!.map((i) => i.path.join('.'))).toEqual([
      'body.customer',
      'body.lines.0.qty',
      'body.lines.1.item',
      'body.lines.2.qty',
    ]);
  });

  it('a quantity × price past the largest amount is a 400 at that line, never a 500, and nothing is written', async () => {
    const mine = async () =>
      (await api.call<Page<SalesOrder>>('GET', '/api/sales-orders?limit=200', { token: sales }))
        .body.items.length;
    const before = await mine();
    for (const [qty, unitPrice] of [
      ['999999999999', '199.90'], // a 15-digit amount in fen: past 2^53 fen once scaled
      ['999999999999999999', '1'], // out of the quantity range itself
    ]) {
      const res = await api.call('POST', '/api/sales-orders', {
        token: sales,
        body: aSalesOrder({
          lines: [
            { item: 'FAN', qty: '1', unitPrice: '1', dueDate: '2026-12-20' },
            { item: 'FAN', qty, unitPrice, dueDate: '2026-12-20' },
          ],
        }),
      });
      expect(res.status).toBe(400);
      expect(errorOf(res).issues!.map((i) => i.path.join('.'))).toEqual(['body.lines.1.qty']);
    }
    expect(await mine()).toBe(before);
  });

  it('edits a draft with its version; a stale version is 409; a submitted order cannot be edited', async () => {
    const created = await api.call<SalesOrder>('POST', '/api/sales-orders', {
      token: sales,
      body: aSalesOrder(),
    });
    const no = created.body.no;
    const edited = await api.call<SalesOrder>('PATCH', `/api/sales-orders/${no}`, {
      token: sales,
      body: {
        expectedVersion: 1,
        customer: 'C2',
        lines: [{ item: 'FAN', qty: '2', unitPrice: '50.5', dueDate: '2026-12-24' }],
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ customer: 'C2', version: 2 });
    expect(edited.body.total.amount).toBe(10100);

    const stale = await api.call('PATCH', `/api/sales-orders/${no}`, {
      token: sales,
      body: { expectedVersion: 1, remark: 'x' },
    });
    expect(stale.status).toBe(409);
    expect(errorOf(stale).code).toBe('resource.versionConflict');

    const submitted = await api.call<SalesOrder>('POST', `/api/sales-orders/${no}/submit`, {
      token: sales,
      body: {},
    });
    expect(submitted.body.status).toBe('confirmed');
    const late = await api.call('PATCH', `/api/sales-orders/${no}`, {
      token: sales,
      body: { expectedVersion: 3, remark: 'x' },
    });
    expect(late.status).toBe(409);
    expect(errorOf(late).code).toBe('salesOrder.invalidState');
  });
});

describe('submit and approval', () => {
  it('confirms an order at or below the threshold at once, without an approval', async () => {
    const o = await submittedOrder(api, sales, aSalesOrder());
    expect(o.status).toBe('confirmed');
    expect(o.approvalId).toBeUndefined();
    expect(cards.sent).toEqual([]);
  });

  it('an order above ¥50,000 waits for the manager: card, inbox, approve -> confirmed', async () => {
    const o = await submittedOrder(api, sales, BIG);
    expect(o.status).toBe('pending');
    expect(o.total.amount).toBe(5_997_000);
    const id = o.approvalId!;

    await settle();
    expect(cards.sent).toHaveLength(1);
    expect(cards.sent[0]).toMatchObject({
      tenant: 'wwtest01',
      touser: ['zhoujun'],
      taskId: `ap-${id}-1`,
      approveKey: `approve:${id}`,
      rejectKey: `reject:${id}`,
      title: '销售订单审批',
    });
    expect(cards.sent[0]!.taskId).toMatch(/^[0-9a-zA-Z_\-@]{1,128}$/);
    expect(cards.sent[0]!.fields).toEqual(
      expect.arrayContaining([
        { key: '单号', value: o.no },
        { key: '客户', value: '客户一' },
        // Approvals weigh the amount including VAT: ¥59,970.00 + 13% = ¥67,766.10.
        { key: '金额（含税）', value: '¥67,766.10' },
      ]),
    );

    const pending = await inbox(manager);
    expect(pending.find((e) => e.approvalId === id)).toMatchObject({
      docType: 'salesOrder',
      docNo: o.no,
      state: 'pending',
      stepName: '经理审批',
    });
    expect(await inbox(sales)).toEqual([]);

    const approved = await api.call<Approval>('POST', `/api/approvals/${id}/approve`, {
      token: manager,
      body: { comment: '同意' },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.history.at(-1)).toMatchObject({
      by: 'zhoujun',
      action: 'approved',
      comment: '同意',
      via: 'miniapp',
      step: 1,
    });
    // Answered with the card's update and the rep's message waiting in the outbox.
    expect(approved.body.notifications[0]).toMatchObject({
      status: 'sent',
      update: { label: '已同意', status: 'queued' },
    });
    expect(approved.body.notices).toEqual([
      { step: 1, decision: 'approved', at: expect.any(String), to: 'zhangwei', status: 'queued' },
    ]);
    await settle();
    const delivered = await api.call<Approval>('GET', `/api/approvals/${id}`, { token: manager });
    expect(delivered.body.notifications[0]).toMatchObject({
      status: 'sent',
      update: { label: '已同意', status: 'sent' },
    });
    expect(cards.updated).toEqual([
      {
        tenant: 'wwtest01',
        userids: ['zhoujun'],
        responseCode: `rc-ap-${id}-1`,
        replaceName: '已同意',
      },
    ]);

    // The rep who submitted it is told, and the message is recorded on the approval.
    expect(cards.told).toEqual([
      {
        tenant: 'wwtest01',
        touser: ['zhangwei'],
        content: `【审批通过】您提交的销售订单 ${o.no} 已审批通过\n第 1 步「经理审批」：周军（厂长） 同意\n意见：同意`,
      },
    ]);
    expect(delivered.body.notices).toEqual([
      { step: 1, decision: 'approved', at: expect.any(String), to: 'zhangwei', status: 'sent' },
    ]);

    const read = await api.call<SalesOrder>('GET', `/api/sales-orders/${o.no}`, { token: sales });
    expect(read.body).toMatchObject({ status: 'confirmed', version: 3 });
    expect((await inbox(manager)).some((e) => e.approvalId === id)).toBe(false);
    expect((await inbox(manager, 'decided')).find((e) => e.approvalId === id)).toMatchObject({
      state: 'decided',
      decision: 'approved',
    });
  });

  it('reject -> the order is rejected and the card says 已驳回', async () => {
    const o = await submittedOrder(api, sales, BIG);
    const res = await api.call<Approval>('POST', `/api/approvals/${o.approvalId}/reject`, {
      token: manager,
      body: { comment: '价格过低' },
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('rejected');
    // Rejected before its card was delivered: the card goes out, then is greyed.
    await settle();
    expect(cards.updated.map((u) => u.replaceName)).toEqual(['已驳回']);
    const read = await api.call<SalesOrder>('GET', `/api/sales-orders/${o.no}`, { token: sales });
    expect(read.body.status).toBe('rejected');
    expect(cards.told.map((t) => [t.touser, t.content])).toEqual([
      [
        ['zhangwei'],
        `【审批驳回】您提交的销售订单 ${o.no} 已被 周军（厂长） 驳回（第 1 步「经理审批」）\n` +
          '原因：价格过低\n可在小程序中修改后重新提交',
      ],
    ]);
  });

  it('a user who is not an approver of the step gets 403; an outsider cannot even read it', async () => {
    const o = await submittedOrder(api, sales, BIG);
    const bySubmitter = await api.call('POST', `/api/approvals/${o.approvalId}/approve`, {
      token: sales,
      body: {},
    });
    expect(bySubmitter.status).toBe(403);
    expect(errorOf(bySubmitter).code).toBe('approval.notApprover');
    const worker = await api.token('chenjie');
    expect(
      (
        await api.call('POST', `/api/approvals/${o.approvalId}/reject`, {
          token: worker,
          body: { comment: '不行' },
        })
      ).status,
    ).toBe(403);
    expect(
      (await api.call('GET', `/api/approvals/${o.approvalId}`, { token: worker })).status,
    ).toBe(404);
    const bySales = await api.call<Approval>('GET', `/api/approvals/${o.approvalId}`, {
      token: sales,
    });
    expect(bySales.body).toMatchObject({ status: 'pending', currentStep: 1 });
  });

  it('two simultaneous decisions: exactly one wins, the other gets 409 approval.alreadyDecided', async () => {
    const o = await submittedOrder(api, sales, BIG);
    const [a, b] = await Promise.all([
      api.call('POST', `/api/approvals/${o.approvalId}/approve`, { token: manager, body: {} }),
      api.call('POST', `/api/approvals/${o.approvalId}/reject`, {
        token: manager,
        body: { comment: '再议' },
      }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(errorOf(loser).code).toBe('approval.alreadyDecided');
    const winner = (a.status === 200 ? a : b).body as Approval;
    const read = await api.call<SalesOrder>('GET', `/api/sales-orders/${o.no}`, { token: sales });
    expect(read.body.status).toBe(winner.status === 'approved' ? 'confirmed' : 'rejected');
    expect(winner.history.filter((h) => h.action !== 'submitted')).toHaveLength(1);
  });

  it('cancelling a pending order cancels its approval and takes it out of the inbox', async () => {
    const o = await submittedOrder(api, sales, BIG);
    const res = await api.call<SalesOrder>('POST', `/api/sales-orders/${o.no}/cancel`, {
      token: sales,
      body: { reason: '客户取消' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', cancelReason: '客户取消' });
    const approval = await api.call<Approval>('GET', `/api/approvals/${o.approvalId}`, {
      token: manager,
    });
    expect(approval.body.status).toBe('cancelled');
    expect(approval.body.steps[0]!.status).toBe('cancelled');
    expect((await inbox(manager)).some((e) => e.approvalId === o.approvalId)).toBe(false);
    await settle();
    expect(cards.updated.map((u) => u.replaceName)).toEqual(['已撤销']);
    const late = await api.call('POST', `/api/approvals/${o.approvalId}/approve`, {
      token: manager,
      body: {},
    });
    expect(late.status).toBe(409);
    expect(errorOf(late).code).toBe('approval.alreadyDecided');
    const again = await api.call('POST', `/api/sales-orders/${o.no}/cancel`, {
      token: sales,
      body: {},
    });
    expect(errorOf(again).code).toBe('salesOrder.invalidState');
  });

  it('a card that cannot be sent is recorded; the submit succeeds and the inbox still works', async () => {
    const failing = recordingNotifier({ failSend: true });
    useApprovalNotifier(failing.notifier);
    const o = await submittedOrder(api, sales, BIG);
    expect(o.status).toBe('pending');
    // The outbox retries, then gives up.
    await settle();
    const approval = await api.call<Approval>('GET', `/api/approvals/${o.approvalId}`, {
      token: manager,
    });
    expect(approval.body.notifications).toEqual([
      expect.objectContaining({ step: 1, status: 'failed', error: '企业微信不可用' }),
    ]);
    expect((await inbox(manager)).some((e) => e.approvalId === o.approvalId)).toBe(true);

    // WeCom is back: the cards can be sent again; once they are out, nothing more is sent.
    const working = recordingNotifier();
    useApprovalNotifier(working.notifier);
    const resent = await api.call<Approval>('POST', `/api/approvals/${o.approvalId}/notify`, {
      token: sales,
    });
    expect(resent.status).toBe(200);
    expect(resent.body.notifications).toEqual([
      expect.objectContaining({ step: 1, status: 'queued' }),
    ]);
    await settle();
    const sent = await api.call<Approval>('GET', `/api/approvals/${o.approvalId}`, {
      token: sales,
    });
    expect(sent.body.notifications).toEqual([
      expect.objectContaining({ step: 1, status: 'sent', msgid: 'msg-1' }),
    ]);
    // The card's failed outbox record was resent, not written again beside it.
    const outbox = async (status: string) =>
      (
        await api.call<Page<OutboxEntry>>('GET', `/api/outbox?status=${status}&limit=200`, {
          token: manager,
        })
      ).body.items.filter((e) => e.ref?.approvalId === o.approvalId);
    expect(await outbox('failed')).toEqual([]);
    expect(await outbox('delivered')).toEqual([
      expect.objectContaining({ kind: 'approvalCard', attempts: 1, msgid: 'msg-1' }),
    ]);
    await api.call('POST', `/api/approvals/${o.approvalId}/notify`, { token: sales });
    await settle();
    expect(working.sent).toHaveLength(1);
    expect(working.sent[0]!.desc).toBe('张伟（销售） 提交，第 1 步：经理审批');
    useApprovalNotifier(failing.notifier);

    const approved = await api.call<Approval>('POST', `/api/approvals/${o.approvalId}/approve`, {
      token: manager,
      body: {},
    });
    expect(approved.body.status).toBe('approved');
    await settle();
    // The resent card is greyed with the response code its send returned.
    expect(failing.updated.map((u) => [u.responseCode, u.replaceName])).toEqual([
      [`rc-ap-${o.approvalId}-1`, '已同意'],
    ]);
  });

  it('a submit retried with the same Idempotency-Key is replayed, not submitted twice', async () => {
    const created = await api.call<SalesOrder>('POST', '/api/sales-orders', {
      token: sales,
      body: BIG,
    });
    const headers = { 'idempotency-key': `submit-${created.body.no}` };
    const first = await api.call<SalesOrder>(
      'POST',
      `/api/sales-orders/${created.body.no}/submit`,
      {
        token: sales,
        body: {},
        headers,
      },
    );
    const second = await api.call<SalesOrder>(
      'POST',
      `/api/sales-orders/${created.body.no}/submit`,
      { token: sales, body: {}, headers },
    );
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replay')).toBe('true');
    expect(second.body.approvalId).toBe(first.body.approvalId);
    await settle();
    expect(cards.sent).toHaveLength(1);
  });
});

describe('rules', () => {
  it('defaults until an admin replaces them; several steps run in order', async () => {
    const read = await api.call<ApprovalRules>('GET', '/api/approval-rules', { token: admin });
    expect(read.body).toMatchObject({
      version: 0,
      rules: {
        salesOrder: { steps: [{ amountAbove: 5_000_000, roles: ['manager'] }] },
        ecn: { steps: [{ roles: ['manager', 'engineer'] }] },
      },
    });
    expect(
      (await api.call('PUT', '/api/approval-rules', { token: manager, body: {} })).status,
    ).toBe(403);
    const bad = await api.call('PUT', '/api/approval-rules', {
      token: admin,
      body: {
        expectedVersion: 0,
        rules: { salesOrder: { steps: [{ name: '', amountAbove: 1.5 }] }, ecn: { steps: [] } },
      },
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).issues!.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining([
        'body.rules.salesOrder.steps.0.name',
        'body.rules.salesOrder.steps.0.amountAbove',
      ]),
    );

    const rules = {
      salesOrder: {
        steps: [
          { name: '经理审批', amountAbove: 100_000, roles: ['manager'] },
          { name: '总经理审批', amountAbove: 5_000_000, users: ['admin'] },
        ],
      },
      ecn: read.body.rules.ecn,
    };
    const put = await api.call<ApprovalRules>('PUT', '/api/approval-rules', {
      token: admin,
      body: { expectedVersion: 0, rules },
    });
    expect(put.status).toBe(200);
    expect(put.body.version).toBe(1);
    const stale = await api.call('PUT', '/api/approval-rules', {
      token: admin,
      body: { expectedVersion: 0, rules },
    });
    expect(errorOf(stale).code).toBe('resource.versionConflict');

    try {
      // ¥1,999.00: only the first step applies.
      const small = await submittedOrder(api, sales, aSalesOrder());
      const one = await api.call<Approval>('GET', `/api/approvals/${small.approvalId}`, {
        token: manager,
      });
      expect(one.body.steps.map((s) => s.name)).toEqual(['经理审批']);

      const big = await submittedOrder(api, sales, BIG);
      const id = big.approvalId!;
      const byAdminFirst = await api.call('POST', `/api/approvals/${id}/approve`, {
        token: admin,
        body: {},
      });
      expect(byAdminFirst.status).toBe(403);
      const step1 = await api.call<Approval>('POST', `/api/approvals/${id}/approve`, {
        token: manager,
        body: {},
      });
      expect(step1.body).toMatchObject({ status: 'pending', currentStep: 2 });
      await settle();
      expect(cards.sent.map((c) => [c.taskId, c.touser])).toEqual([
        [`ap-${small.approvalId}-1`, ['zhoujun']],
        [`ap-${id}-1`, ['zhoujun']],
        [`ap-${id}-2`, ['admin']],
      ]);
      expect((await inbox(admin)).map((e) => e.approvalId)).toContain(id);
      const mid = await api.call<SalesOrder>('GET', `/api/sales-orders/${big.no}`, {
        token: sales,
      });
      expect(mid.body.status).toBe('pending');
      const step2 = await api.call<Approval>('POST', `/api/approvals/${id}/approve`, {
        token: admin,
        body: {},
      });
      expect(step2.body.status).toBe('approved');
      await settle();
      expect(step2.body.steps.map((s) => [s.status, s.decidedBy])).toEqual([
        ['approved', 'zhoujun'],
        ['approved', 'admin'],
      ]);
      // The rep heard of every decision: step 1, then the end.
      expect(cards.told.filter((t) => t.content.includes(big.no)).map((t) => t.content)).toEqual([
        `【审批进度】您提交的销售订单 ${big.no}，第 1 步「经理审批」已由 周军（厂长） 同意\n` +
          '下一步：第 2 步「总经理审批」',
        `【审批通过】您提交的销售订单 ${big.no} 已审批通过\n第 2 步「总经理审批」：系统管理员 同意`,
      ]);
      const told = await api.call<Approval>('GET', `/api/approvals/${id}`, { token: manager });
      expect(told.body.notices!.map((n) => [n.step, n.status])).toEqual([
        [1, 'sent'],
        [2, 'sent'],
      ]);
      const done = await api.call<SalesOrder>('GET', `/api/sales-orders/${big.no}`, {
        token: sales,
      });
      expect(done.body.status).toBe('confirmed');
    } finally {
      const back = await api.call('PUT', '/api/approval-rules', {
        token: admin,
        body: { expectedVersion: 1, rules: read.body.rules },
      });
      expect(back.status).toBe(200);
    }
  });
});

describe('duties', () => {
  it('a rejection needs a reason: none or blank is 400 at body.comment and the order stays pending', async () => {
    const o = await submittedOrder(api, sales, BIG);
    for (const body of [{}, { comment: '   ' }]) {
      const res = await api.call('POST', `/api/approvals/${o.approvalId}/reject`, {
        token: manager,
        body,
      });
      expect(res.status).toBe(400);
      expect(errorOf(res).issues).toEqual([
        expect.objectContaining({ path: ['body', 'comment'], message: '请填写驳回原因' }),
      ]);
    }
    const read = await api.call<SalesOrder>('GET', `/api/sales-orders/${o.no}`, { token: sales });
    expect(read.body.status).toBe('pending');
    expect(cards.told).toEqual([]);
  });

  it('a manager who enters an order neither gets its card nor approves it; a rule naming them does', async () => {
    const o = await submittedOrder(api, manager, BIG);
    expect(o.status).toBe('pending');
    // The only other manager-role holder there is: none, so nobody gets a card yet.
    expect(cards.sent).toEqual([]);
    expect((await inbox(manager)).some((e) => e.approvalId === o.approvalId)).toBe(false);
    const own = await api.call('POST', `/api/approvals/${o.approvalId}/approve`, {
      token: manager,
      body: {},
    });
    expect(own.status).toBe(403);
    expect(errorOf(own).code).toBe('approval.ownDocument');
    const ownReject = await api.call('POST', `/api/approvals/${o.approvalId}/reject`, {
      token: manager,
      body: { comment: '撤回' },
    });
    expect(errorOf(ownReject).code).toBe('approval.ownDocument');
    // The manager withdraws it instead.
    const cancelled = await api.call<SalesOrder>('POST', `/api/sales-orders/${o.no}/cancel`, {
      token: manager,
      body: {},
    });
    expect(cancelled.body.status).toBe('cancelled');

    // A rule step that names the manager lets them approve what they entered.
    const read = await api.call<ApprovalRules>('GET', '/api/approval-rules', { token: admin });
    const named = {
      ...read.body.rules,
      salesOrder: {
        steps: [
          { name: '经理审批', amountAbove: 5_000_000, roles: ['manager'], users: ['zhoujun'] },
        ],
      },
    };
    const put = await api.call<ApprovalRules>('PUT', '/api/approval-rules', {
      token: admin,
      body: { expectedVersion: read.body.version, rules: named },
    });
    expect(put.status).toBe(200);
    try {
      const again = await submittedOrder(api, manager, BIG);
      await settle();
      expect(cards.sent.map((c) => c.touser)).toEqual([['zhoujun']]);
      const approved = await api.call<Approval>(
        'POST',
        `/api/approvals/${again.approvalId}/approve`,
        { token: manager, body: {} },
      );
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('approved');
      await settle();
      // Their own decision is not messaged back to them.
      expect(cards.told).toEqual([]);
      expect(approved.body.notices).toEqual([expect.objectContaining({ status: 'skipped' })]);
    } finally {
      const back = await api.call('PUT', '/api/approval-rules', {
        token: admin,
        body: { expectedVersion: put.body.version, rules: read.body.rules },
      });
      expect(back.status).toBe(200);
    }
  });

  it('a rejected order is changed and submitted again: a new approval, confirmed when approved', async () => {
    const o = await submittedOrder(api, sales, BIG);
    await api.call('POST', `/api/approvals/${o.approvalId}/reject`, {
      token: manager,
      body: { comment: '价格偏低' },
    });
    const rejected = (
      await api.call<SalesOrder>('GET', `/api/sales-orders/${o.no}`, { token: sales })
    ).body;
    expect(rejected.status).toBe('rejected');

    const edited = await api.call<SalesOrder>('PATCH', `/api/sales-orders/${o.no}`, {
      token: sales,
      body: {
        expectedVersion: rejected.version,
        lines: [{ item: 'FAN', qty: '300', unitPrice: '219.90', dueDate: '2026-12-20' }],
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'draft', approvalId: o.approvalId });
    expect(edited.body.decidedAt).toBeUndefined();
    expect(edited.body.total.amount).toBe(6_597_000);
    // 13% VAT on the new price: ¥65,970.00 + ¥8,576.10.
    expect(edited.body.totalWithTax?.amount).toBe(7_454_610);

    const resubmitted = await api.call<SalesOrder>('POST', `/api/sales-orders/${o.no}/submit`, {
      token: sales,
      body: { expectedVersion: edited.body.version },
    });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body.status).toBe('pending');
    expect(resubmitted.body.approvalId).not.toBe(o.approvalId);
    const approved = await api.call<Approval>(
      'POST',
      `/api/approvals/${resubmitted.body.approvalId}/approve`,
      { token: manager, body: {} },
    );
    expect(approved.body.status).toBe('approved');
    const read = await api.call<SalesOrder>('GET', `/api/sales-orders/${o.no}`, { token: sales });
    expect(read.body.status).toBe('confirmed');
    // The first approval stays as it ended.
    const first = await api.call<Approval>('GET', `/api/approvals/${o.approvalId}`, {
      token: sales,
    });
    expect(first.body.status).toBe('rejected');
  });

  it('a rejected order may be submitted again unchanged, or cancelled', async () => {
    const reject = async (o: SalesOrder) => {
      await api.call('POST', `/api/approvals/${o.approvalId}/reject`, {
        token: manager,
        body: { comment: '请与客户确认交期' },
      });
    };
    const a = await submittedOrder(api, sales, BIG);
    await reject(a);
    const again = await api.call<SalesOrder>('POST', `/api/sales-orders/${a.no}/submit`, {
      token: sales,
      body: {},
    });
    expect(again.body).toMatchObject({ status: 'pending' });
    expect(again.body.approvalId).not.toBe(a.approvalId);

    const b = await submittedOrder(api, sales, BIG);
    await reject(b);
    const cancelled = await api.call<SalesOrder>('POST', `/api/sales-orders/${b.no}/cancel`, {
      token: sales,
      body: { reason: '客户不要了' },
    });
    expect(cancelled.body.status).toBe('cancelled');
    const edit = await api.call('PATCH', `/api/sales-orders/${b.no}`, {
      token: sales,
      body: { expectedVersion: cancelled.body.version, remark: 'x' },
    });
    expect(errorOf(edit).code).toBe('salesOrder.invalidState');
  });

  it('a message to the submitter that cannot be sent is recorded; the decision stands', async () => {
    const failing = recordingNotifier({ failTell: true });
    useApprovalNotifier(failing.notifier);
    const o = await submittedOrder(api, sales, BIG);
    const approved = await api.call<Approval>('POST', `/api/approvals/${o.approvalId}/approve`, {
      token: manager,
      body: {},
    });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    await settle();
    const told = await api.call<Approval>('GET', `/api/approvals/${o.approvalId}`, {
      token: manager,
    });
    expect(told.body.notices).toEqual([
      expect.objectContaining({ step: 1, status: 'failed', error: '企业微信不可用' }),
    ]);
  });
});

describe('visibility and tenants', () => {
  it('a sales rep lists and reads only their own orders; managers see all; paging and status filter', async () => {
    const mine = await submittedOrder(api, sales, aSalesOrder());
    const theirs = await api.call<SalesOrder>('POST', '/api/sales-orders', {
      token: manager,
      body: aSalesOrder(),
    });
    expect(theirs.status).toBe(201);
    const listed = await api.call<Page<SalesOrder>>('GET', '/api/sales-orders?limit=200', {
      token: sales,
    });
    expect(listed.body.items.every((o) => o.createdBy === 'zhangwei')).toBe(true);
    expect(listed.body.items.map((o) => o.no)).toContain(mine.no);
    expect(
      (await api.call('GET', `/api/sales-orders/${theirs.body.no}`, { token: sales })).status,
    ).toBe(404);

    const all = await api.call<Page<SalesOrder>>('GET', '/api/sales-orders?limit=200', {
      token: manager,
    });
    expect(all.body.items.map((o) => o.no)).toEqual(
      expect.arrayContaining([mine.no, theirs.body.no]),
    );
    const drafts = await api.call<Page<SalesOrder>>('GET', '/api/sales-orders?status=draft', {
      token: manager,
    });
    expect(drafts.body.items.length).toBeGreaterThan(0);
    expect(drafts.body.items.every((o) => o.status === 'draft')).toBe(true);

    const page1 = await api.call<Page<SalesOrder>>('GET', '/api/sales-orders?limit=2', {
      token: manager,
    });
    expect(page1.body.items).toHaveLength(2);
    const page2 = await api.call<Page<SalesOrder>>(
      'GET',
      `/api/sales-orders?limit=2&cursor=${page1.body.nextCursor}`,
      { token: manager },
    );
    expect(page2.body.items[0]!.no > page1.body.items[1]!.no).toBe(true);
  });

  it("a user of corp B cannot list or read corp A's orders or approvals (404, not 403)", async () => {
    const a = await submittedOrder(api, sales, BIG);
    const bManager = await api.token('zhoujun', 'wwtest02');
    const bSales = await api.call<Page<SalesOrder>>('GET', '/api/sales-orders', {
      token: await api.token('zhangwei', 'wwtest02'),
    });
    expect(bSales.body.items).toEqual([]);
    expect((await api.call('GET', `/api/sales-orders/${a.no}`, { token: bManager })).status).toBe(
      404,
    );
    expect(
      (await api.call('GET', `/api/approvals/${a.approvalId}`, { token: bManager })).status,
    ).toBe(404);
    const decide = await api.call('POST', `/api/approvals/${a.approvalId}/approve`, {
      token: bManager,
      body: {},
    });
    expect(decide.status).toBe(404);
    expect(
      (await api.call('POST', `/api/sales-orders/${a.no}/cancel`, { token: bManager, body: {} }))
        .status,
    ).toBe(404);
  });
});

describe('planning demand', () => {
  it('only confirmed entered orders and open imported ones are MRP demand', async () => {
    const tenant = 'wwtest03';
    await seedBasics(api, tenant);
    await seedSales(api, tenant);
    await seedUsers(tenant);
    const t = await api.token('zhangwei', tenant);
    const line = (qty: string) => [{ item: 'FAN', qty, unitPrice: '1000', dueDate: '2026-12-20' }];
    const draft = await api.call<SalesOrder>('POST', '/api/sales-orders', {
      token: t,
      body: aSalesOrder({ lines: line('1') }),
    });
    const confirmed = await submittedOrder(api, t, aSalesOrder({ lines: line('2') }));
    const pending = await submittedOrder(api, t, aSalesOrder({ lines: line('60') }));
    const rejected = await submittedOrder(api, t, aSalesOrder({ lines: line('70') }));
    const m = await api.token('zhoujun', tenant);
    await api.call('POST', `/api/approvals/${rejected.approvalId}/reject`, { token: m, body: {} });
    const cancelled = await api.call<SalesOrder>('POST', '/api/sales-orders', {
      token: t,
      body: aSalesOrder({ lines: line('3') }),
    });
    await api.call('POST', `/api/sales-orders/${cancelled.body.no}/cancel`, { token: t, body: {} });
    expect([confirmed.status, pending.status]).toEqual(['confirmed', 'pending']);
    // An imported order, as the factory-file import writes it.
    const deps = getDeps();
    await deps.db.send(
      new PutCommand({
        TableName: deps.tableName,
        Item: {
          ...keys.order(tenant, 'salesOrder', 'SO-IMP-1'),
          type: 'salesOrder',
          kind: 'salesOrder',
          no: 'SO-IMP-1',
          status: 'open',
          customer: 'C1',
          lines: [
            { item: 'FAN', qty: '5', dueDate: '2026-12-18' },
            { item: 'FAN', qty: '9', delivered: '4', dueDate: '2026-12-19' },
            { item: 'FAN', qty: '3', delivered: '3', dueDate: '2026-12-19' },
          ],
        },
      }),
    );

    const input = await loadPlanningInput(deps, tenant, '2026-12-01', 60);
    expect(input.salesOrders.map((d) => [d.no, d.qty, d.delivered]).sort()).toEqual(
      [
        ['SO-IMP-1', '5', undefined],
        ['SO-IMP-1', '9', '4'],
        ['SO-IMP-1', '3', '3'],
        [confirmed.no, '2', '0'],
      ].sort(),
    );
    // Lines carry what was delivered: 0 on entered lines and on imported ones without it.
    const read = await api.call<SalesOrder>('GET', '/api/sales-orders/SO-IMP-1', { token: m });
    expect(read.body.lines.map((l) => [l.qty, l.delivered])).toEqual([
      ['5', '0'],
      ['9', '4'],
      ['3', '3'],
    ]);
    expect(confirmed.lines.map((l) => l.delivered)).toEqual(['0']);
    // A task order from a line makes what is not yet delivered; a delivered line makes none.
    await approvedBom(api, await api.token('wuhao', tenant), 'FAN', [
      { component: 'BOLT', qtyPer: '4' },
    ]);
    const made = await api.call<{ orders: TaskOrder[] }>('POST', '/api/task-orders/from-sales', {
      token: m,
      body: { lines: [{ salesOrder: 'SO-IMP-1', line: 2 }] },
    });
    expect(made.status).toBe(201);
    expect(made.body.orders.map((o) => o.qty)).toEqual(['5']);
    const none = await api.call('POST', '/api/task-orders/from-sales', {
      token: m,
      body: { lines: [{ salesOrder: 'SO-IMP-1', line: 3 }] },
    });
    expect(none.status).toBe(400);
    expect(errorOf(none).issues).toEqual([
      {
        path: ['body', 'lines', 0, 'line'],
        message: '销售订单 SO-IMP-1 第 3 行已全部发货，不能生成生产任务单',
      },
    ]);
    // Kitting a line kits its open quantity; a delivered line has nothing to kit.
    const kitted = await api.call<Kitting>('GET', '/api/mrp/kitting?salesOrder=SO-IMP-1&line=2', {
      token: m,
    });
    expect([kitted.status, kitted.body.qty]).toEqual([200, '5']);
    const delivered = await api.call('GET', '/api/mrp/kitting?salesOrder=SO-IMP-1&line=3', {
      token: m,
    });
    expect(delivered.status).toBe(409);
    expect(errorOf(delivered).code).toBe('salesOrder.invalidState');
    expect(draft.body.status).toBe('draft');

    const imported = await api.call('POST', '/api/sales-orders/SO-IMP-1/cancel', {
      token: m,
      body: {},
    });
    expect(imported.status).toBe(409);
    expect(errorOf(imported).code).toBe('salesOrder.invalidState');

    const listed = await api.call<Page<SalesOrder>>('GET', '/api/sales-orders?status=confirmed', {
      token: m,
    });
    expect(listed.body.items.map((o) => [o.no, o.origin]).sort()).toEqual(
      [
        ['SO-IMP-1', 'import'],
        [confirmed.no, 'entry'],
      ].sort(),
    );
  });
});
