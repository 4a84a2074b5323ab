import type { SalesOrder } from '@factory/shared';
import { DEMO_USERS } from '../../functions/src/auth/demoUsers.js';
import { getDeps } from '../../functions/src/deps.js';
import { userRepo } from '../../functions/src/store/userRepo.js';
import type { ApprovalNotifier } from '../../functions/src/usecases/approval/notifier.js';
import { anItem, type Api } from './harness.js';

/** The demo users as product users of a test tenant (approvers are found among them). */
export async function seedUsers(tenant = 'wwtest01'): Promise<void> {
  const users = userRepo(getDeps(), tenant);
  for (const u of DEMO_USERS) {
    await users.putIfAbsent({
      userid: u.user,
      name: u.name ?? u.user,
      roles: [...u.roles],
      active: true,
    });
  }
}

/** A notifier that records the cards it is asked to send and update, and the texts it sends. */
export function recordingNotifier(options: { failSend?: boolean; failTell?: boolean } = {}) {
  const sent: Parameters<ApprovalNotifier['send']>[1][] = [];
  const updated: Parameters<ApprovalNotifier['update']>[1][] = [];
  const told: Parameters<ApprovalNotifier['tell']>[1][] = [];
  const notifier: ApprovalNotifier = {
    async send(_deps, card) {
      if (options.failSend) throw new Error('企业微信不可用');
      sent.push(card);
      return { msgid: `msg-${sent.length}`, responseCode: `rc-${card.taskId}` };
    },
    async update(_deps, update) {
      updated.push(update);
    },
    async tell(_deps, text) {
      if (options.failTell) throw new Error('企业微信不可用');
      told.push(text);
    },
  };
  return { notifier, sent, updated, told };
}

/** Customers and sellable items for sales tests (on top of seedBasics). */
export async function seedSales(api: Api, tenant = 'wwtest01'): Promise<void> {
  const token = await api.token('admin', tenant);
  const post = async (path: string, body: unknown) => {
    const res = await api.call('POST', path, { token, body });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await post('/api/partners', { code: 'C1', name: '客户一', roles: ['customer'] });
  await post('/api/partners', { code: 'C2', name: '客户二', roles: ['customer', 'supplier'] });
  await post(
    '/api/items',
    anItem({ code: 'FAN', name: '落地扇', source: 'manufactured', strategy: 'mts' }),
  );
  await post(
    '/api/items',
    anItem({ code: 'FAN-X', name: '定制风扇', source: 'manufactured', strategy: 'mto' }),
  );
}

export function aSalesOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    customer: 'C1',
    lines: [{ item: 'FAN', qty: '10', unitPrice: '199.90', dueDate: '2026-12-20' }],
    ...overrides,
  };
}

/** 300 × ¥199.90 = ¥59,970.00: above the default ¥50,000.00 threshold. */
export const BIG_ORDER = aSalesOrder({
  lines: [{ item: 'FAN', qty: '300', unitPrice: '199.90', dueDate: '2026-12-20' }],
});

/** Create and submit; fails the test when either is refused. */
export async function submittedOrder(
  api: Api,
  token: string,
  body: Record<string, unknown>,
): Promise<SalesOrder> {
  const created = await api.call<SalesOrder>('POST', '/api/sales-orders', { token, body });
  if (created.status !== 201) throw new Error(`create: ${JSON.stringify(created.body)}`);
  const submitted = await api.call<SalesOrder>(
    'POST',
    `/api/sales-orders/${created.body.no}/submit`,
    { token, body: {} },
  );
  if (submitted.status !== 200) throw new Error(`submit: ${JSON.stringify(submitted.body)}`);
  return submitted.body;
}
