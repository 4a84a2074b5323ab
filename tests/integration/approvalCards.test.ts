import type { Approval, SalesOrder } from '@factory/shared';
import { seedBasics, startApi, type Api } from './harness.js';
import { BIG_ORDER, seedSales, seedUsers, submittedOrder } from './salesHarness.js';

/**
 * End to end with the WeCom simulator: the engine sends a real card (WeCom client ->
 * simulator), the approver taps 同意 in the simulator, the signed encrypted callback reaches
 * the product, the card-click processor calls the engine, the order is confirmed and the card
 * is greyed with the click's response code.
 */
let api: Api;
const TENANT = 'wwdemo01';

beforeAll(async () => {
  api = await startApi({ wecom: {} });
  await seedBasics(api, TENANT);
  await seedSales(api, TENANT);
  await seedUsers(TENANT);
});
afterAll(() => api.close());

async function simApi<T>(path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${api.runtime.wecom!.url}/sim/api/${path}`, {
    method: body ? 'POST' : 'GET',
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as T };
}

type SimMessage = {
  msgid: string;
  msgtype: string;
  text?: { content: string };
  template_card?: { task_id: string; button_list: { key: string }[] };
  replaceName?: string;
};

const textsOf = async (userid: string): Promise<string[]> =>
  (
    await simApi<{ messages: SimMessage[] }>(`inbox?corpid=${TENANT}&userid=${userid}`)
  ).body.messages
    .filter((m) => m.msgtype === 'text')
    .map((m) => m.text!.content);

it('a tap on 同意 in WeCom confirms the order and greys the card', async () => {
  const sales = await api.token('zhangwei', TENANT);
  const manager = await api.token('zhoujun', TENANT);
  const order = await submittedOrder(api, sales, BIG_ORDER);
  expect(order.status).toBe('pending');
  const id = order.approvalId!;
  // The card goes out through the outbox, after the submit answered.
  await api.runtime.wecom!.idle();

  const approval = await api.call<Approval>('GET', `/api/approvals/${id}`, { token: manager });
  expect(approval.body.notifications).toEqual([
    expect.objectContaining({ step: 1, status: 'sent', recipients: ['zhoujun'] }),
  ]);
  const inbox = await simApi<{ messages: SimMessage[] }>(`inbox?corpid=${TENANT}&userid=zhoujun`);
  const card = inbox.body.messages.find((m) => m.template_card?.task_id === `ap-${id}-1`)!;
  expect(card.template_card!.button_list.map((b) => b.key)).toEqual([
    `approve:${id}`,
    `reject:${id}`,
  ]);

  const click = await simApi<{ delivered: boolean }>('click', {
    corpid: TENANT,
    userid: 'zhoujun',
    msgid: card.msgid,
    buttonKey: `approve:${id}`,
  });
  expect(click.body.delivered).toBe(true);
  await api.runtime.wecom!.idle();

  const read = await api.call<SalesOrder>('GET', `/api/sales-orders/${order.no}`, {
    token: sales,
  });
  expect(read.body.status).toBe('confirmed');
  const decided = await api.call<Approval>('GET', `/api/approvals/${id}`, { token: manager });
  expect(decided.body.history.at(-1)).toMatchObject({
    by: 'zhoujun',
    action: 'approved',
    via: 'wecom',
  });
  expect(decided.body.notifications[0]!.update).toEqual({ label: '已同意', status: 'sent' });
  const after = await simApi<{ messages: SimMessage[] }>(`inbox?corpid=${TENANT}&userid=zhoujun`);
  expect(after.body.messages.find((m) => m.msgid === card.msgid)!.replaceName).toBe('已同意');
  // The rep who submitted it got a WeCom message about the decision.
  expect(await textsOf('zhangwei')).toContainEqual(
    expect.stringContaining(`【审批通过】您提交的销售订单 ${order.no} 已审批通过`),
  );
});

it('a tap on 驳回 in WeCom rejects nothing without a reason: the approver is told to give one in the mini-program', async () => {
  const sales = await api.token('zhangwei', TENANT);
  const manager = await api.token('zhoujun', TENANT);
  const order = await submittedOrder(api, sales, BIG_ORDER);
  const id = order.approvalId!;
  await api.runtime.wecom!.idle();
  const inbox = await simApi<{ messages: SimMessage[] }>(`inbox?corpid=${TENANT}&userid=zhoujun`);
  const card = inbox.body.messages.find((m) => m.template_card?.task_id === `ap-${id}-1`)!;
  const before = await textsOf('zhangwei');

  const click = await simApi<{ delivered: boolean }>('click', {
    corpid: TENANT,
    userid: 'zhoujun',
    msgid: card.msgid,
    buttonKey: `reject:${id}`,
  });
  expect(click.body.delivered).toBe(true);
  await api.runtime.wecom!.idle();

  expect((await textsOf('zhoujun'))[0]).toContain(`【驳回需填写原因】销售订单 ${order.no} 未驳回`);
  const read = await api.call<SalesOrder>('GET', `/api/sales-orders/${order.no}`, { token: sales });
  expect(read.body.status).toBe('pending');
  expect(await textsOf('zhangwei')).toEqual(before);

  // The card still works for 同意, and the inbox rejects with a reason.
  const rejected = await api.call<Approval>('POST', `/api/approvals/${id}/reject`, {
    token: manager,
    body: { comment: '交期太紧' },
  });
  expect(rejected.body.status).toBe('rejected');
  await api.runtime.wecom!.idle();
  expect((await textsOf('zhangwei'))[0]).toContain('原因：交期太紧');
});

it('a decision in the mini-program greys the card with the stored response code', async () => {
  const sales = await api.token('zhangwei', TENANT);
  const manager = await api.token('zhoujun', TENANT);
  const order = await submittedOrder(api, sales, BIG_ORDER);
  await api.runtime.wecom!.idle();
  const res = await api.call<Approval>('POST', `/api/approvals/${order.approvalId}/reject`, {
    token: manager,
    body: { comment: '价格不对' },
  });
  expect(res.body.status).toBe('rejected');
  // The decision answered with the card's update queued; the outbox worker delivers it.
  expect(res.body.notifications[0]!.update).toEqual({ label: '已驳回', status: 'queued' });
  await api.runtime.wecom!.idle();
  const after = await api.call<Approval>('GET', `/api/approvals/${order.approvalId}`, {
    token: manager,
  });
  expect(after.body.notifications[0]!.update).toEqual({ label: '已驳回', status: 'sent' });
  const inbox = await simApi<{ messages: SimMessage[] }>(`inbox?corpid=${TENANT}&userid=zhoujun`);
  const card = inbox.body.messages.find(
    (m) => m.template_card?.task_id === `ap-${order.approvalId}-1`,
  )!;
  expect(card.replaceName).toBe('已驳回');
});
