import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import type { SalesOrder, SalesOrderProgress, TaskOrder } from '@factory/shared';
import { join } from 'node:path';
import {
  adminApi,
  answerModal,
  ARTIFACTS,
  byTestId,
  eventually,
  fill,
  loginAs,
  screenshot,
  startE2E,
  text,
  type E2E,
} from './harness.js';

// The rep's order progress (订单进度) on the phone: an MTO order made by a task order.
jest.setTimeout(120_000);

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, 600_000);
afterAll(async () => {
  await e2e?.close();
});

/** A call as a demo user (the rep enters the order as herself). */
async function as<T>(user: string, method: string, path: string, body?: unknown): Promise<T> {
  const minted = await fetch(`${e2e.runtime.url}/api/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  const { token } = (await minted.json()) as { token: string };
  const res = await fetch(`${e2e.runtime.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${answer}`);
  return JSON.parse(answer) as T;
}

test("the rep opens an MTO order's progress and sees its task order: issued, reported, received", async () => {
  // The rep's order: a made-to-order fan (tracked by the order number) and a stock fan.
  const created = await as<SalesOrder>('zhangwei', 'POST', '/api/sales-orders', {
    customer: 'C-HUIJIA',
    lines: [
      { item: 'FG-FS40R', qty: '5', unitPrice: '268.123456', dueDate: '2026-12-20' },
      { item: 'FG-FS40', qty: '2', unitPrice: '199.9', vatRate: '0.09', dueDate: '2026-12-22' },
    ],
  });
  const order = await as<SalesOrder>(
    'zhangwei',
    'POST',
    `/api/sales-orders/${created.no}/submit`,
    {},
  );
  expect(order.status).toBe('confirmed');

  // The factory makes it: a task order from the MTO line, some material issued, 3 good
  // reported, 2 received into stock under the order's tracking number.
  const admin = await adminApi(e2e);
  const made = await admin.call<{ orders: TaskOrder[] }>('POST', '/api/task-orders/from-sales', {
    lines: [{ salesOrder: order.no, line: 1 }],
  });
  const mo = made.orders[0]!;
  expect(mo.trackingNo).toBe(order.no);
  // The demo has no SA-BASE40R in stock: no whole set can be issued, the remotes can.
  await admin.call('POST', `/api/task-orders/${mo.no}/issues`, {
    date: '2026-12-01',
    lines: [{ item: 'PT-REMOTE', qty: '5' }],
  });
  await as('liuyang', 'POST', '/api/work-reports', {
    taskOrder: mo.no,
    date: '2026-12-01',
    good: '3',
  });
  await admin.call('POST', '/api/production-receipts', {
    taskOrder: mo.no,
    date: '2026-12-01',
    qty: '2',
  });
  const view = await as<SalesOrderProgress>(
    'zhangwei',
    'GET',
    `/api/sales-orders/${order.no}/progress`,
  );
  expect(view.lines[0]!.taskOrders[0]).toMatchObject({ no: mo.no, reported: '3', received: '2' });

  const rep = await e2e.newPage();
  await loginAs(rep, e2e.appUrl, 'zhangwei');
  await rep.goto(`${e2e.appUrl}#/pages/sales/order-detail/index?no=${order.no}`);
  await byTestId(rep, 'order-progress').waitFor();
  await expect(text(rep, 'order-status')).resolves.toBe('已确认');
  // VAT per line: 5 × 268.123456 = 1,340.62 + 13% 174.28; 2 × 199.90 = 399.80 + 9% 35.98.
  await expect(text(rep, 'order-total')).resolves.toBe('¥1,740.42');
  await expect(text(rep, 'order-tax')).resolves.toBe('¥210.26');
  await expect(text(rep, 'order-total-with-tax')).resolves.toBe('¥1,950.68');

  const line = 'progress-line-1';
  await expect(text(rep, line)).resolves.toContain('16寸遥控落地扇');
  await expect(text(rep, line)).resolves.toContain(`按单生产 · 跟踪号 ${order.no}`);
  await expect(text(rep, `${line}-stock`)).resolves.toBe('本订单库存：2 个');
  await expect(text(rep, `${line}-delivered-text`)).resolves.toBe('0 / 5 个');
  const task = `progress-task-${mo.no}`;
  await expect(text(rep, `${task}-state`)).resolves.toBe('生产中');
  const issued = view.lines[0]!.taskOrders[0]!.issuedPercent!;
  await expect(text(rep, `${task}-issued-text`)).resolves.toBe(`${issued}%`);
  await expect(text(rep, `${task}-reported-text`)).resolves.toBe('3 / 5 个');
  await expect(text(rep, `${task}-received-text`)).resolves.toBe('2 / 5 个');
  await expect(byTestId(rep, `${task}-reported`).getAttribute('data-percent')).resolves.toBe('60');
  await expect(text(rep, `${line}-expected`)).resolves.toBe(`预计完成：${mo.dueDate}`);
  // The stock line has no task order of its own: it is served from the pool.
  await expect(text(rep, 'progress-line-2')).resolves.toContain('备货生产（库存）');
  // Names and units, never bare codes; no price of the factory's orders anywhere.
  const page = (await byTestId(rep, 'order-progress').textContent()) ?? '';
  expect(page).not.toContain('pcs');
  expect(page).not.toMatch(/¥/);
  await screenshot(rep, 'p1-order-progress');
  await byTestId(rep, task).scrollIntoViewIfNeeded();
  await rep.screenshot({ path: join(ARTIFACTS, 'p2-order-progress-task.png') });

  // The customer wants no more: the rep closes the order by hand, with a reason.
  await byTestId(rep, 'order-close').click();
  await byTestId(rep, 'order-close-confirm').click();
  await expect(text(rep, 'order-close-reason-error')).resolves.toBe('请填写关闭原因');
  await fill(rep, 'order-close-reason', '客户只要已完成的数量');
  await byTestId(rep, 'order-close-confirm').click();
  await screenshot(rep, 'p3-close-confirm');
  expect(await answerModal(rep, 'confirm')).toContain('客户只要已完成的数量');
  expect(await eventually(() => text(rep, 'order-status'), '已关闭')).toBe('已关闭');
  await expect(text(rep, 'order-closed-hint')).resolves.toBe('订单已关闭：客户只要已完成的数量');
  await expect(byTestId(rep, 'order-close').count()).resolves.toBe(0);
  await screenshot(rep, 'p4-order-closed');
});
