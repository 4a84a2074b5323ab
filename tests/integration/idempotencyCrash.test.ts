import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type AttachmentCreated,
  type CostingPeriodRecord,
  isIdempotent,
  routes,
  type ApprovalRules,
  type BomHistory,
  type Ecn,
  type ImportSummary,
  type ImportUpload,
  type MrpRun,
  type OutboxEntry,
  type Page,
  type PlannedOrders,
  type PurchaseOrder,
  type PurchaseReceipt,
  type SalesOrder,
  type TaskOrder,
  type WorkReportResult,
} from '@factory/shared';
import { getDeps, useApprovalNotifier } from '../../functions/src/deps.js';
import { simulateCrashAfterWork } from '../../functions/src/middleware/idempotency.js';
import { keys } from '../../functions/src/store/keys.js';
import { PNG_BYTES, postFile } from './attachmentHarness.js';
import { anItem, errorOf, startApi, type Api, type ApiResponse } from './harness.js';
import { BIG_ORDER, recordingNotifier, seedUsers } from './salesHarness.js';
import { shopfloorFile } from './shopfloorHarness.js';

/**
 * Idempotency is recorded by the work's own transaction (issue 10, point 9). For every
 * mutating route: the request does its work, then the process dies before anything else is
 * written or answered (`simulateCrashAfterWork`); once the claim's lease has run out, the
 * retry with the same Idempotency-Key must find the result recorded and replay it, not do the
 * work again. A route whose work ends in an outside call (MRP: a workflow start) is linked to
 * its key instead, and the retry resumes the same work.
 */
jest.setTimeout(120_000);

const TENANT = 'wwdemo01';
const DATE = '2026-12-01';
let api: Api;
const token = (user: string, tenant = TENANT) => api.token(user, tenant);

/** The tenant's idempotency claim expires now (as if its lease had run out). */
async function expireLease(tenant: string, key: string) {
  const deps = getDeps();
  await deps.db.send(
    new UpdateCommand({
      TableName: deps.tableName,
      Key: keys.idempotency(tenant, key),
      UpdateExpression: 'SET leaseUntil = :past',
      ExpressionAttributeValues: { ':past': 0 },
    }),
  );
}

type Request = {
  method: string;
  path: string;
  user: string;
  body?: unknown;
  tenant?: string;
};

/** Sends the request once with a crash after the work, then again with the same key. */
async function crashThenRetry(r: Request): Promise<{ first: ApiResponse; retry: ApiResponse }> {
  const key = `crash-${randomUUID()}`;
  const call = async () =>
    api.call(r.method, r.path, {
      token: await token(r.user, r.tenant),
      ...(r.body !== undefined ? { body: r.body } : {}),
      headers: { 'idempotency-key': key },
    });
  let first: ApiResponse;
  simulateCrashAfterWork(true);
  try {
    first = await call();
  } finally {
    simulateCrashAfterWork(false);
  }
  await expireLease(r.tenant ?? TENANT, key);
  return { first, retry: await call() };
}

async function ok<T>(res: Promise<ApiResponse<T>>, status = [200, 201, 202]): Promise<T> {
  const r = await res;
  if (!status.includes(r.status)) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
const get = async <T>(path: string, user = 'admin') =>
  ok<T>(api.call<T>('GET', path, { token: await token(user) }));
const send = async <T>(method: string, path: string, body: unknown, user = 'admin') =>
  ok<T>(api.call<T>(method, path, { token: await token(user), body }));

let seq = 0;
const next = (prefix: string) => `${prefix}-${++seq}`;
/** A March of its own (forecast periods of one item may not overlap; calendar dates differ). */
const aYear = () => {
  const year = 2030 + ++seq;
  return { from: `${year}-03-02`, to: `${year}-03-31` };
};

const newTaskOrder = async (item = 'SA-HEAD40', qty = '10') =>
  (
    await send<TaskOrder>('POST', '/api/task-orders', {
      item,
      qty,
      startDate: DATE,
      dueDate: '2026-12-05',
      priority: 1,
    })
  ).no;
/** A purchase receipt into the inspection warehouse opens one inspection order of 10. */
const newInspection = async () => {
  const doc = await send<{ no: string }>('POST', '/api/stock/receipts', {
    date: DATE,
    reason: 'purchase',
    lines: [{ item: 'PT-CONN', warehouse: 'QC', qty: '10' }],
  });
  return `QC-${doc.no}-1`;
};
const newDraft = async (parent: string) => {
  const version = next('V');
  await send('POST', `/api/boms/${parent}/versions`, { version, copyFrom: 'V1' });
  const history = await get<BomHistory>(`/api/boms/${parent}`);
  return { version, revision: history.versions.find((v) => v.version === version)!.revision };
};
const newEcn = async () =>
  send<Ecn>(
    'POST',
    '/api/ecns',
    {
      reason: '电容损耗调整',
      changes: [
        {
          kind: 'revise',
          parent: 'SA-HEAD40',
          lines: [{ op: 'change', component: 'PT-CAP12', set: { lossRate: '0.01' } }],
        },
      ],
    },
    'wuhao',
  );
const submittedEcn = async () => {
  const ecn = await newEcn();
  return send<Ecn>('POST', `/api/ecns/${ecn.no}/submit`, {}, 'wuhao');
};
const newSalesOrder = (body: unknown = BIG_ORDER_DEMO) =>
  send<SalesOrder>('POST', '/api/sales-orders', body, 'zhangwei');
const pendingOrder = async () => {
  const o = await newSalesOrder();
  return send<SalesOrder>('POST', `/api/sales-orders/${o.no}/submit`, {}, 'zhangwei');
};
/** A pending order whose card the outbox gave up on (WeCom refused it every time). */
const orderWithFailedCard = async () => {
  useApprovalNotifier(recordingNotifier({ failSend: true }).notifier);
  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const o = await pendingOrder();
    await api.runtime.outbox.idle();
    return o;
  } finally {
    errors.mockRestore();
    useApprovalNotifier(cards.notifier);
  }
};

/** Above the ¥50,000 threshold: waits for the manager. */
const BIG_ORDER_DEMO = {
  ...BIG_ORDER,
  customer: 'C-HUIJIA',
  lines: [{ item: 'FG-FS40', qty: '300', unitPrice: '199.90', dueDate: '2026-12-20' }],
};

/** Two lines under the default ¥50,000 purchase threshold: open at once when submitted. */
const PURCHASE_ORDER_DEMO = {
  supplier: 'S-WEIDA',
  lines: [
    { item: 'PT-CAP12', qty: '100', unitPrice: '0.35', dueDate: '2026-12-20' },
    { item: 'PT-CONN', qty: '50', unitPrice: '1.2', vatRate: '0.13', dueDate: '2026-12-20' },
  ],
};
const newPurchaseOrder = () =>
  send<PurchaseOrder>('POST', '/api/purchase-orders', PURCHASE_ORDER_DEMO, 'lina');

/** Ten chrome-plated tubes from 兴华电镀: 11 blank tubes sent from RM into SUB-XH. */
const OUTSOURCING_ORDER_DEMO = {
  subcontractor: 'W-XINGHUA',
  item: 'OS-TUBE40',
  qty: '10',
  startDate: DATE,
  dueDate: '2026-12-08',
};
const newOutsourcingOrder = async () =>
  (await send<{ no: string }>('POST', '/api/outsourcing-orders', OUTSOURCING_ORDER_DEMO, 'lina'))
    .no;

/** How each mutating route is set up and sent; `resumes`: answered by resuming, not replaying. */
type Case = { request: () => Promise<Request>; resumes?: (retry: ApiResponse) => Promise<void> };

let runsBefore = 0;

const masterData = (
  area: string,
  create: (code: string) => Record<string, unknown>,
  change: Record<string, unknown>,
): Record<string, Case> => ({
  [`${area}.create`]: {
    request: async () => ({
      method: 'POST',
      path: `/api/${area}`,
      user: 'admin',
      body: create(next(`CR-${area}`)),
    }),
  },
  [`${area}.update`]: {
    request: async () => {
      const code = next(`CR-${area}`);
      await send('POST', `/api/${area}`, create(code));
      return {
        method: 'PATCH',
        path: `/api/${area}/${code}`,
        user: 'admin',
        body: { expectedVersion: 1, ...change },
      };
    },
  },
});

const CASES: Record<string, Case> = {
  ...masterData('units', (code) => ({ code, name: '件', precision: 0 }), { name: '箱' }),
  ...masterData('warehouses', (code) => ({ code, name: '仓', kind: 'normal' }), { name: '新仓' }),
  ...masterData('partners', (code) => ({ code, name: '客户', roles: ['customer'] }), {
    name: '新客户',
  }),
  ...masterData('items', (code) => anItem({ code, name: '零件', unit: 'pcs' }), {
    name: '新零件',
  }),
  'imports.create': {
    request: async () => ({
      method: 'POST',
      path: '/api/imports',
      user: 'admin',
      tenant: 'wwcrash02',
      body: shopfloorFile(),
    }),
    // The import is a job linked to the key when it starts: the retry answers that job's
    // result (its summary), it does not import the file again (that would be a conflict).
    async resumes(retry) {
      const summary = retry.body as ImportSummary;
      const job = await ok<{ status: string; summary: ImportSummary }>(
        api.call('GET', `/api/imports/${summary.importId}`, {
          token: await token('admin', 'wwcrash02'),
        }),
      );
      expect(job).toMatchObject({ status: 'completed', summary });
      expect(summary.counts.items).toBe(shopfloorFile().items.length);
    },
  },
  'imports.fromUpload': {
    // The file is uploaded first (a presigned POST to the local blob store).
    request: async () => {
      const bytes = Buffer.from(JSON.stringify(shopfloorFile()), 'utf8');
      const started = await ok<ImportUpload>(
        api.call('POST', '/api/imports/uploads', {
          token: await token('admin', 'wwcrash52'),
          headers: { 'idempotency-key': `upload-${Date.now()}` },
          body: { size: bytes.length },
        }),
      );
      const form = new FormData();
      for (const [k, v] of Object.entries(started.fields)) form.append(k, v);
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/json' }), 'f');
      expect((await fetch(started.url, { method: 'POST', body: form })).status).toBe(204);
      return {
        method: 'POST',
        path: `/api/imports/uploads/${started.uploadId}`,
        user: 'admin',
        tenant: 'wwcrash52',
      };
    },
    // Like imports.create: the retry answers the job's result, though the upload is gone.
    async resumes(retry) {
      const summary = retry.body as ImportSummary;
      const job = await ok<{ status: string; summary: ImportSummary }>(
        api.call('GET', `/api/imports/${summary.importId}`, {
          token: await token('admin', 'wwcrash52'),
        }),
      );
      expect(job).toMatchObject({ status: 'completed', summary });
      expect(summary.counts.items).toBe(shopfloorFile().items.length);
    },
  },
  'stock.receipts': {
    request: async () => ({
      method: 'POST',
      path: '/api/stock/receipts',
      user: 'admin',
      body: {
        date: DATE,
        reason: 'purchase',
        lines: [{ item: 'PT-CONN', warehouse: 'RM', qty: '3' }],
      },
    }),
  },
  'stock.issues': {
    request: async () => ({
      method: 'POST',
      path: '/api/stock/issues',
      user: 'admin',
      body: {
        date: DATE,
        reason: 'scrap',
        lines: [{ item: 'PT-CONN', warehouse: 'RM', qty: '1' }],
      },
    }),
  },
  'stock.transfers': {
    request: async () => ({
      method: 'POST',
      path: '/api/stock/transfers',
      user: 'admin',
      body: {
        date: DATE,
        lines: [{ item: 'PT-CONN', fromWarehouse: 'RM', toWarehouse: 'WIP', qty: '1' }],
      },
    }),
  },
  'stock.adjustments': {
    request: async () => ({
      method: 'POST',
      path: '/api/stock/adjustments',
      user: 'admin',
      body: { date: DATE, lines: [{ item: 'PT-SCR-412', warehouse: 'RM', countedQty: '41990' }] },
    }),
  },
  'boms.createDraft': {
    request: async () => ({
      method: 'POST',
      path: '/api/boms/FG-FS40/versions',
      user: 'wuhao',
      body: { version: next('V'), copyFrom: 'V1' },
    }),
  },
  'boms.updateDraft': {
    request: async () => {
      const d = await newDraft('FG-FS40R');
      return {
        method: 'PATCH',
        path: `/api/boms/FG-FS40R/versions/${d.version}`,
        user: 'wuhao',
        body: { expectedRevision: d.revision, note: '改包装' },
      };
    },
  },
  'boms.deleteDraft': {
    request: async () => {
      const d = await newDraft('FG-TS40');
      return {
        method: 'DELETE',
        path: `/api/boms/FG-TS40/versions/${d.version}?expectedRevision=${d.revision}`,
        user: 'wuhao',
      };
    },
  },
  'boms.importLines': {
    request: async () => {
      const d = await newDraft('SA-BASE40');
      const csv = '子件编码,用量\nPT-BASE40,1\nPT-WEIGHT,2\n';
      return {
        method: 'POST',
        path: `/api/boms/SA-BASE40/versions/${d.version}/lines-import`,
        user: 'wuhao',
        body: {
          format: 'csv',
          content: Buffer.from(csv).toString('base64'),
          expectedRevision: d.revision,
        },
      };
    },
  },
  'ecns.create': {
    request: async () => ({
      method: 'POST',
      path: '/api/ecns',
      user: 'wuhao',
      body: {
        reason: '换螺钉',
        changes: [
          {
            kind: 'revise',
            parent: 'SA-BASE40',
            lines: [{ op: 'change', component: 'PT-WEIGHT', set: { lossRate: '0.01' } }],
          },
        ],
      },
    }),
  },
  'ecns.batch': {
    request: async () => ({
      method: 'POST',
      path: '/api/ecns/batch',
      user: 'wuhao',
      body: {
        reason: '螺钉用量',
        component: 'PT-SCR-412',
        action: { kind: 'setQtyPer', qtyPer: '7' },
      },
    }),
  },
  'ecns.submit': {
    request: async () => {
      const ecn = await newEcn();
      return { method: 'POST', path: `/api/ecns/${ecn.no}/submit`, user: 'wuhao' };
    },
  },
  'ecns.approve': {
    request: async () => {
      const ecn = await submittedEcn();
      return { method: 'POST', path: `/api/ecns/${ecn.no}/approve`, user: 'zhoujun', body: {} };
    },
  },
  'ecns.reject': {
    request: async () => {
      const ecn = await submittedEcn();
      return {
        method: 'POST',
        path: `/api/ecns/${ecn.no}/reject`,
        user: 'zhoujun',
        body: { comment: '暂不变更' },
      };
    },
  },
  'mrp.startRun': {
    request: async () => {
      await api.runtime.workflows.idle();
      runsBefore = (await get<Page<MrpRun>>('/api/mrp/runs?limit=200', 'lina')).items.length;
      return { method: 'POST', path: '/api/mrp/runs', user: 'lina', body: {} };
    },
    // The run was created and linked to the key before the crash: the retry starts that
    // same run (its workflow once), it does not create another.
    async resumes(retry) {
      const run = retry.body as MrpRun;
      await api.runtime.workflows.idle();
      const runs = await get<Page<MrpRun>>('/api/mrp/runs?limit=200', 'lina');
      expect(runs.items.length).toBe(runsBefore + 1);
      expect((await get<MrpRun>(`/api/mrp/runs/${run.runId}`, 'lina')).status).toBe('completed');
    },
  },
  'mrp.release': {
    request: async () => {
      const started = await send<MrpRun>('POST', '/api/mrp/runs', {}, 'lina');
      await api.runtime.workflows.idle();
      expect((await get<MrpRun>(`/api/mrp/runs/${started.runId}`, 'lina')).status).toBe(
        'completed',
      );
      const plan = await get<PlannedOrders>('/api/mrp/planned-orders?limit=2000', 'lina');
      const ids = plan.plannedOrders
        .filter((o) => !o.released && (o.type === 'production' || o.supplier))
        .slice(0, 3)
        .map((o) => o.id);
      return { method: 'POST', path: '/api/mrp/release', user: 'lina', body: { ids } };
    },
  },
  'salesOrders.create': {
    request: async () => ({
      method: 'POST',
      path: '/api/sales-orders',
      user: 'zhangwei',
      body: BIG_ORDER_DEMO,
    }),
  },
  'salesOrders.update': {
    request: async () => {
      const o = await newSalesOrder();
      return {
        method: 'PATCH',
        path: `/api/sales-orders/${o.no}`,
        user: 'zhangwei',
        body: { expectedVersion: o.version, remark: '加急' },
      };
    },
  },
  'salesOrders.submit': {
    request: async () => {
      const o = await newSalesOrder();
      return {
        method: 'POST',
        path: `/api/sales-orders/${o.no}/submit`,
        user: 'zhangwei',
        body: {},
      };
    },
  },
  'salesOrders.cancel': {
    request: async () => {
      const o = await pendingOrder();
      return {
        method: 'POST',
        path: `/api/sales-orders/${o.no}/cancel`,
        user: 'zhangwei',
        body: { reason: '客户取消' },
      };
    },
  },
  'salesOrders.close': {
    request: async () => {
      // Under the threshold: confirmed at once on submit.
      const o = await newSalesOrder({
        ...BIG_ORDER_DEMO,
        lines: [{ item: 'FG-FS40', qty: '3', unitPrice: '199.90', dueDate: '2026-12-20' }],
      });
      await send('POST', `/api/sales-orders/${o.no}/submit`, {}, 'zhangwei');
      return {
        method: 'POST',
        path: `/api/sales-orders/${o.no}/close`,
        user: 'zhangwei',
        body: { reason: '客户不要剩余数量' },
      };
    },
  },
  'approvals.approve': {
    request: async () => {
      const o = await pendingOrder();
      return {
        method: 'POST',
        path: `/api/approvals/${o.approvalId}/approve`,
        user: 'zhoujun',
        body: {},
      };
    },
  },
  'approvals.reject': {
    request: async () => {
      const o = await pendingOrder();
      return {
        method: 'POST',
        path: `/api/approvals/${o.approvalId}/reject`,
        user: 'zhoujun',
        body: { comment: '价格偏低' },
      };
    },
  },
  'approvals.notify': {
    request: async () => {
      const o = await orderWithFailedCard();
      return { method: 'POST', path: `/api/approvals/${o.approvalId}/notify`, user: 'zhangwei' };
    },
  },
  'outbox.resend': {
    request: async () => {
      const o = await orderWithFailedCard();
      const failed = await get<Page<OutboxEntry>>('/api/outbox?status=failed&limit=200');
      const entry = failed.items.find((e) => e.ref?.approvalId === o.approvalId)!;
      return { method: 'POST', path: `/api/outbox/${entry.id}/resend`, user: 'admin' };
    },
  },
  'approvalRules.put': {
    request: async () => {
      const read = await get<ApprovalRules>('/api/approval-rules');
      return {
        method: 'PUT',
        path: '/api/approval-rules',
        user: 'admin',
        body: { expectedVersion: read.version, rules: read.rules },
      };
    },
  },
  'taskOrders.create': {
    request: async () => ({
      method: 'POST',
      path: '/api/task-orders',
      user: 'admin',
      body: { item: 'FG-FS40', qty: '20', startDate: DATE, dueDate: '2026-12-08' },
    }),
  },
  'taskOrders.createFromSales': {
    request: async () => {
      const o = await newSalesOrder({
        customer: 'C-LVYUAN',
        lines: [{ item: 'FG-TS40', qty: '5', unitPrice: '99', dueDate: '2026-12-20' }],
      });
      await send('POST', `/api/sales-orders/${o.no}/submit`, {}, 'zhangwei');
      return {
        method: 'POST',
        path: '/api/task-orders/from-sales',
        user: 'admin',
        body: { lines: [{ salesOrder: o.no, line: 1 }] },
      };
    },
  },
  'taskOrders.createRework': {
    request: async () => ({
      method: 'POST',
      path: '/api/task-orders/rework',
      user: 'admin',
      body: { item: 'SA-HEAD40', qty: '1', warehouse: 'QC', reason: '外观返修', dueDate: DATE },
    }),
  },
  'taskOrders.setState': {
    request: async () => {
      const no = await newTaskOrder();
      return {
        method: 'POST',
        path: `/api/task-orders/${no}/state`,
        user: 'admin',
        body: { to: 'closed' },
      };
    },
  },
  'taskOrders.assign': {
    request: async () => ({
      method: 'PUT',
      path: `/api/task-orders/${await newTaskOrder()}/assignees`,
      user: 'admin',
      body: { assignees: ['chenjie'] },
    }),
  },
  'picking.issue': {
    request: async () => ({
      method: 'POST',
      path: `/api/task-orders/${await newTaskOrder()}/issues`,
      user: 'admin',
      body: { date: DATE, lines: [{ item: 'PT-CAP12', qty: '1' }] },
    }),
  },
  'picking.merged': {
    request: async () => ({
      method: 'POST',
      path: '/api/picking/merged',
      user: 'admin',
      body: {
        orders: [await newTaskOrder(), await newTaskOrder()],
        date: DATE,
        lines: [{ item: 'PT-CAP12', warehouse: 'RM', qty: '2' }],
      },
    }),
  },
  'picking.return': {
    request: async () => {
      const no = await newTaskOrder();
      await send('POST', `/api/task-orders/${no}/issues`, {
        date: DATE,
        lines: [{ item: 'PT-CAP12', qty: '2' }],
      });
      return {
        method: 'POST',
        path: `/api/task-orders/${no}/returns`,
        user: 'admin',
        body: { date: DATE, lines: [{ item: 'PT-CAP12', qty: '1' }] },
      };
    },
  },
  'picking.supplementary': {
    request: async () => ({
      method: 'POST',
      path: `/api/task-orders/${await newTaskOrder()}/supplementary`,
      user: 'wangqiang',
      body: { date: DATE, reason: '损坏 1 件', lines: [{ item: 'PT-CAP12', qty: '1' }] },
    }),
  },
  'purchaseOrders.create': {
    request: async () => ({
      method: 'POST',
      path: '/api/purchase-orders',
      user: 'lina',
      body: PURCHASE_ORDER_DEMO,
    }),
  },
  'purchaseOrders.update': {
    request: async () => {
      const o = await newPurchaseOrder();
      return {
        method: 'PATCH',
        path: `/api/purchase-orders/${o.no}`,
        user: 'lina',
        body: { expectedVersion: o.version, remark: '加急' },
      };
    },
  },
  'purchaseOrders.submit': {
    request: async () => {
      const o = await newPurchaseOrder();
      return {
        method: 'POST',
        path: `/api/purchase-orders/${o.no}/submit`,
        user: 'lina',
        body: {},
      };
    },
  },
  'purchaseOrders.cancel': {
    request: async () => {
      const o = await newPurchaseOrder();
      return {
        method: 'POST',
        path: `/api/purchase-orders/${o.no}/cancel`,
        user: 'lina',
        body: { reason: '不需要了' },
      };
    },
  },
  'purchaseOrders.closeLine': {
    request: async () => {
      const o = await newPurchaseOrder();
      await send('POST', `/api/purchase-orders/${o.no}/submit`, {}, 'lina');
      return {
        method: 'POST',
        path: `/api/purchase-orders/${o.no}/lines/1/close`,
        user: 'lina',
        body: {},
      };
    },
  },
  'priceLists.create': {
    request: async () => ({
      method: 'POST',
      path: '/api/price-lists',
      user: 'lina',
      body: {
        supplier: 'S-WEIDA',
        item: 'PT-CAP12',
        unitPrice: '0.123456',
        minQty: String(++seq),
        effectiveFrom: DATE,
      },
    }),
  },
  'purchaseOrders.createReturn': {
    request: async () => {
      const got = await send<PurchaseReceipt>('POST', '/api/purchase-receipts', {
        purchaseOrder: 'PO-2611-041',
        date: DATE,
        lines: [{ line: 1, qty: '1' }],
      });
      return {
        method: 'POST',
        path: '/api/purchase-orders/PO-2611-041/returns',
        user: 'admin',
        body: { date: DATE, lines: [{ line: 1, receipt: got.document.no, qty: '1' }] },
      };
    },
  },
  'priceLists.update': {
    request: async () => {
      const minQty = String(++seq);
      await send(
        'POST',
        '/api/price-lists',
        { supplier: 'S-WEIDA', item: 'PT-CAP12', unitPrice: '0.1', minQty, effectiveFrom: DATE },
        'lina',
      );
      return {
        method: 'PATCH',
        path: `/api/price-lists/S-WEIDA/PT-CAP12/${DATE}/${minQty}`,
        user: 'lina',
        body: { unitPrice: '0.2' },
      };
    },
  },
  'priceLists.delete': {
    request: async () => {
      const minQty = String(++seq);
      await send(
        'POST',
        '/api/price-lists',
        { supplier: 'S-WEIDA', item: 'PT-CAP12', unitPrice: '0.1', minQty, effectiveFrom: DATE },
        'lina',
      );
      return {
        method: 'DELETE',
        path: `/api/price-lists/S-WEIDA/PT-CAP12/${DATE}/${minQty}`,
        user: 'lina',
      };
    },
  },
  'outsourcingPrices.create': {
    request: async () => ({
      method: 'POST',
      path: '/api/outsourcing-prices',
      user: 'lina',
      body: {
        supplier: 'W-XINGHUA',
        item: 'OS-TUBE40',
        unitPrice: '1.25',
        minQty: String(++seq),
        effectiveFrom: DATE,
      },
    }),
  },
  'outsourcingPrices.update': {
    request: async () => {
      const minQty = String(++seq);
      const body = {
        supplier: 'W-XINGHUA',
        item: 'OS-TUBE40',
        unitPrice: '1',
        minQty,
        effectiveFrom: DATE,
      };
      await send('POST', '/api/outsourcing-prices', body, 'lina');
      return {
        method: 'PATCH',
        path: `/api/outsourcing-prices/W-XINGHUA/OS-TUBE40/${DATE}/${minQty}`,
        user: 'lina',
        body: { unitPrice: '1.1' },
      };
    },
  },
  'outsourcingPrices.delete': {
    request: async () => {
      const minQty = String(++seq);
      const body = {
        supplier: 'W-XINGHUA',
        item: 'OS-TUBE40',
        unitPrice: '1',
        minQty,
        effectiveFrom: DATE,
      };
      await send('POST', '/api/outsourcing-prices', body, 'lina');
      return {
        method: 'DELETE',
        path: `/api/outsourcing-prices/W-XINGHUA/OS-TUBE40/${DATE}/${minQty}`,
        user: 'lina',
      };
    },
  },
  'purchaseReceipts.create': {
    request: async () => ({
      method: 'POST',
      path: '/api/purchase-receipts',
      user: 'admin',
      body: { purchaseOrder: 'PO-2611-041', date: DATE, lines: [{ line: 1, qty: '1' }] },
    }),
  },
  'productionReceipts.create': {
    request: async () => {
      // A receipt needs good quantity reported first.
      const taskOrder = await newTaskOrder('SA-BLADE40');
      await send('POST', '/api/work-reports', { taskOrder, date: DATE, good: '1' });
      return {
        method: 'POST',
        path: '/api/production-receipts',
        user: 'admin',
        body: { taskOrder, date: DATE, qty: '1' },
      };
    },
  },
  'workReports.create': {
    request: async () => ({
      method: 'POST',
      path: '/api/work-reports',
      user: 'admin',
      body: { taskOrder: await newTaskOrder(), date: DATE, good: '1' },
    }),
  },
  'workReports.reverse': {
    request: async () => {
      const report = await send<WorkReportResult>('POST', '/api/work-reports', {
        taskOrder: await newTaskOrder(),
        date: DATE,
        good: '2',
      });
      return {
        method: 'POST',
        path: `/api/work-reports/${report.report.no}/reverse`,
        user: 'admin',
        body: { reason: '报错了' },
      };
    },
  },
  'deliveries.create': {
    request: async () => ({
      method: 'POST',
      path: '/api/deliveries',
      user: 'admin',
      body: {
        customer: 'C-HUIJIA',
        date: DATE,
        lines: [{ salesOrder: 'SO-2611-018', line: 1, qty: '1' }],
      },
    }),
  },
  'customerReturns.create': {
    request: async () => {
      const delivery = await send<{ no: string }>('POST', '/api/deliveries', {
        customer: 'C-HUIJIA',
        date: DATE,
        lines: [{ salesOrder: 'SO-2611-018', line: 2, qty: '2' }],
      });
      return {
        method: 'POST',
        path: '/api/customer-returns',
        user: 'admin',
        body: { delivery: delivery.no, lines: [{ line: 1, qty: '1' }] },
      };
    },
  },

  'forecasts.create': {
    request: async () => ({
      method: 'POST',
      path: '/api/forecasts',
      user: 'lina',
      body: { item: 'FG-FS40', ...aYear(), qty: '10' },
    }),
  },
  'forecasts.update': {
    request: async () => {
      const period = aYear();
      await send('POST', '/api/forecasts', { item: 'FG-FS40', ...period, qty: '10' }, 'lina');
      return {
        method: 'PATCH',
        path: `/api/forecasts/FG-FS40/${period.from}`,
        user: 'lina',
        body: { expectedVersion: 1, qty: '12' },
      };
    },
  },
  'forecasts.delete': {
    request: async () => {
      const period = aYear();
      await send('POST', '/api/forecasts', { item: 'FG-FS40', ...period, qty: '10' }, 'lina');
      return {
        method: 'DELETE',
        path: `/api/forecasts/FG-FS40/${period.from}?expectedVersion=1`,
        user: 'lina',
      };
    },
  },
  'defects.create': {
    request: async () => ({
      method: 'POST',
      path: '/api/defects',
      user: 'zhaomin',
      body: { code: `D-${randomUUID().slice(0, 8)}`, name: '划伤', category: '外观' },
    }),
  },
  'defects.update': {
    request: async () => {
      const code = `D-${randomUUID().slice(0, 8)}`;
      await send('POST', '/api/defects', { code, name: '划伤', category: '外观' }, 'zhaomin');
      return {
        method: 'PATCH',
        path: `/api/defects/${code}`,
        user: 'zhaomin',
        body: { expectedVersion: 1, active: false },
      };
    },
  },
  'inspectionPlans.put': {
    request: async () => ({
      method: 'PUT',
      path: '/api/inspection-plans/FG-FS40',
      user: 'zhaomin',
      body: { receipts: ['production'], sampling: { rule: 'percentage', percent: '5' } },
    }),
  },
  'inspectionPlans.delete': {
    request: async () => {
      const body = { receipts: ['outsourcing'], sampling: { rule: 'full' } };
      await send('PUT', '/api/inspection-plans/SA-BLADE40', body, 'zhaomin');
      return {
        method: 'DELETE',
        path: '/api/inspection-plans/SA-BLADE40?expectedVersion=1',
        user: 'zhaomin',
      };
    },
  },
  'inspections.result': {
    request: async () => ({
      method: 'POST',
      path: `/api/inspections/${await newInspection()}/results`,
      user: 'zhaomin',
      body: { sampled: '2', accepted: '10', rejected: '0' },
    }),
  },
  'inspections.reverse': {
    request: async () => {
      const no = await newInspection();
      const body = { sampled: '2', accepted: '10', rejected: '0' };
      await send('POST', `/api/inspections/${no}/results`, body, 'zhaomin');
      return {
        method: 'POST',
        path: `/api/inspections/${no}/reversals`,
        user: 'zhaomin',
        body: { reverses: `${no}.R1`, reason: '录错' },
      };
    },
  },
  'inspections.dispose': {
    request: async () => {
      const no = await newInspection();
      const code = `D-${randomUUID().slice(0, 8)}`;
      await send('POST', '/api/defects', { code, name: '划伤', category: '外观' }, 'zhaomin');
      const body = { sampled: '2', accepted: '8', rejected: '2', defects: [{ code, qty: '2' }] };
      await send('POST', `/api/inspections/${no}/results`, body, 'zhaomin');
      return {
        method: 'POST',
        path: `/api/inspections/${no}/dispositions`,
        user: 'zhaomin',
        body: { lines: [{ kind: 'scrap', qty: '2' }] },
      };
    },
  },
  'calendar.putWeekdays': {
    request: async () => ({
      method: 'PUT',
      path: '/api/calendar/weekdays',
      user: 'lina',
      body: { nonWorkingWeekdays: [6, 7] },
    }),
  },
  'calendar.addHoliday': {
    request: async () => ({
      method: 'POST',
      path: '/api/calendar/holidays',
      user: 'lina',
      body: { date: aYear().from },
    }),
  },
  'calendar.removeHoliday': {
    request: async () => {
      const date = aYear().from;
      await send('POST', '/api/calendar/holidays', { date }, 'lina');
      return { method: 'DELETE', path: `/api/calendar/holidays/${date}`, user: 'lina' };
    },
  },
  'calendar.addWorkingDay': {
    request: async () => ({
      method: 'POST',
      path: '/api/calendar/working-days',
      user: 'lina',
      body: { date: aYear().from },
    }),
  },
  'calendar.removeWorkingDay': {
    request: async () => {
      const date = aYear().from;
      await send('POST', '/api/calendar/working-days', { date }, 'lina');
      return { method: 'DELETE', path: `/api/calendar/working-days/${date}`, user: 'lina' };
    },
  },
  'outsourcingOrders.create': {
    request: async () => ({
      method: 'POST',
      path: '/api/outsourcing-orders',
      user: 'lina',
      body: OUTSOURCING_ORDER_DEMO,
    }),
  },
  'outsourcingOrders.update': {
    request: async () => ({
      method: 'PATCH',
      path: `/api/outsourcing-orders/${await newOutsourcingOrder()}`,
      user: 'lina',
      body: { expectedVersion: 1, qty: '12' },
    }),
  },
  'outsourcingOrders.close': {
    request: async () => ({
      method: 'POST',
      path: `/api/outsourcing-orders/${await newOutsourcingOrder()}/close`,
      user: 'lina',
      body: { reason: '不再委外' },
    }),
  },
  'outsourcingOrders.cancel': {
    request: async () => ({
      method: 'POST',
      path: `/api/outsourcing-orders/${await newOutsourcingOrder()}/cancel`,
      user: 'lina',
      body: {},
    }),
  },
  'outsourcingOrders.send': {
    request: async () => ({
      method: 'POST',
      path: `/api/outsourcing-orders/${await newOutsourcingOrder()}/sends`,
      user: 'wangqiang',
      body: { mode: 'kit', sets: '5' },
    }),
  },
  'outsourcingOrders.returnMaterials': {
    request: async () => {
      const no = await newOutsourcingOrder();
      await send('POST', `/api/outsourcing-orders/${no}/sends`, {}, 'wangqiang');
      return {
        method: 'POST',
        path: `/api/outsourcing-orders/${no}/material-returns`,
        user: 'wangqiang',
        body: { lines: [{ item: 'PT-TUBEO40B', qty: '2' }] },
      };
    },
  },
  'outsourcingReceipts.create': {
    // The imported order WX-2611-007 has 297 tubes at SUB-XH; each receipt of 10 consumes 11.
    request: async () => ({
      method: 'POST',
      path: '/api/outsourcing-receipts',
      user: 'wangqiang',
      body: { outsourcingOrder: 'WX-2611-007', qty: '10', date: DATE },
    }),
  },
  'outsourcingSettlements.create': {
    request: async () => {
      const got = await send<{ document: { no: string } }>(
        'POST',
        '/api/outsourcing-receipts',
        { outsourcingOrder: 'WX-2611-007', qty: '1', date: DATE },
        'wangqiang',
      );
      return {
        method: 'POST',
        path: '/api/outsourcing-settlements',
        user: 'lina',
        body: {
          subcontractor: 'W-XINGHUA',
          invoiceNo: next('INV'),
          date: DATE,
          lines: [{ receipt: got.document.no, amount: '1.70' }],
        },
      };
    },
  },
};

/** Costing on tenants of their own: a close locks postings, which the demo tenant's cases make. */
let costingTenants = 0;
const costingTenant = () => `wwcrcost${String(++costingTenants).padStart(2, '0')}`;
const asIn = (tenant: string, user: string) => async () =>
  api.call('GET', '/api/costing/pools', { token: await token(user, tenant) });

/** Costs 2026-11 in `tenant` (nothing posted: an empty month) and waits for the run. */
async function costedEmptyMonth(tenant: string): Promise<void> {
  await asIn(tenant, 'admin')();
  const res = await api.call('POST', '/api/costing/periods/2026-11/runs', {
    token: await token('sunli', tenant),
    headers: { 'idempotency-key': randomUUID() },
  });
  expect(res.status).toBe(202);
  await api.runtime.workflows.idle();
}

const periodOf = async (tenant: string) =>
  ok<CostingPeriodRecord>(
    api.call<CostingPeriodRecord>('GET', '/api/costing/periods/2026-11', {
      token: await token('sunli', tenant),
    }),
  );

const COSTING_CASES: Record<string, Case> = {
  'costing.putPool': {
    request: async () => ({
      method: 'PUT',
      path: `/api/costing/pools/${next('POOL')}`,
      user: 'sunli',
      body: { name: '制造费用', basis: 'quantity' },
    }),
  },
  'costing.addExpense': {
    request: async () => {
      await send('PUT', '/api/costing/pools/labour', { name: '直接人工', basis: 'hours' }, 'sunli');
      return {
        method: 'POST',
        path: '/api/costing/periods/2026-12/expenses',
        user: 'sunli',
        body: { pool: 'labour', amount: '10.00', date: DATE },
      };
    },
  },
  'costing.setWipCount': {
    request: async () => ({
      method: 'PUT',
      path: `/api/costing/periods/2026-12/wip-counts/${await newTaskOrder()}`,
      user: 'sunli',
      body: { qty: '3' },
    }),
  },
  'costing.putSettings': {
    request: async () => ({
      method: 'PUT',
      path: '/api/costing/settings',
      user: 'sunli',
      tenant: costingTenant(),
      body: { closingDay: 25 },
    }),
  },
  'costing.setOpening': {
    request: async () => ({
      method: 'PUT',
      path: '/api/costing/opening',
      user: 'sunli',
      tenant: costingTenant(),
      body: { period: '2026-11', stock: [], wip: [] },
    }),
  },
  'costing.start': {
    request: async () => {
      const tenant = costingTenant();
      await asIn(tenant, 'admin')();
      return { method: 'POST', path: '/api/costing/periods/2026-11/runs', user: 'sunli', tenant };
    },
    // The run was recorded and linked to the key before the crash: the retry starts that run.
    async resumes(retry) {
      const started = retry.body as CostingPeriodRecord;
      await api.runtime.workflows.idle();
      const tenant = `wwcrcost${String(costingTenants).padStart(2, '0')}`;
      const period = await periodOf(tenant);
      expect(period.run?.runId).toBe(started.run?.runId);
      expect(period.run?.status).toBe('completed');
    },
  },
  'costing.close': {
    request: async () => {
      const tenant = costingTenant();
      await costedEmptyMonth(tenant);
      return { method: 'POST', path: '/api/costing/periods/2026-11/close', user: 'sunli', tenant };
    },
  },
  'costing.reopen': {
    request: async () => {
      const tenant = costingTenant();
      await costedEmptyMonth(tenant);
      const closed = await api.call('POST', '/api/costing/periods/2026-11/close', {
        token: await token('sunli', tenant),
        headers: { 'idempotency-key': randomUUID() },
      });
      expect(closed.status).toBe(200);
      return {
        method: 'POST',
        path: '/api/costing/periods/2026-11/reopen',
        user: 'zhoujun',
        tenant,
      };
    },
  },
};
Object.assign(CASES, COSTING_CASES);

/** A category to claim in (its pool defined first) and a draft claim of chenjie's. */
async function newClaim(): Promise<{ no: string; version: number }> {
  await send('PUT', '/api/costing/pools/repairs', { name: '修理费', basis: 'quantity' }, 'sunli');
  await send('PUT', '/api/expense-categories/REPAIR', { name: '维修', pool: 'repairs' }, 'sunli');
  return send<{ no: string; version: number }>(
    'POST',
    '/api/expense-claims',
    { lines: [{ category: 'REPAIR', amount: '88.00', date: DATE }] },
    'chenjie',
  );
}

const CLAIM_CASES: Record<string, Case> = {
  'expenseCategories.put': {
    request: async () => ({
      method: 'PUT',
      path: `/api/expense-categories/${next('CAT')}`,
      user: 'sunli',
      body: { name: '差旅', periodExpense: true },
    }),
  },
  'expenseClaims.create': {
    request: async () => {
      await newClaim();
      return {
        method: 'POST',
        path: '/api/expense-claims',
        user: 'chenjie',
        body: { lines: [{ category: 'REPAIR', amount: '12.50', date: DATE }] },
      };
    },
  },
  'expenseClaims.update': {
    request: async () => {
      const c = await newClaim();
      return {
        method: 'PATCH',
        path: `/api/expense-claims/${c.no}`,
        user: 'chenjie',
        body: { expectedVersion: c.version, title: '维修' },
      };
    },
  },
  'expenseClaims.submit': {
    request: async () => {
      const c = await newClaim();
      return {
        method: 'POST',
        path: `/api/expense-claims/${c.no}/submit`,
        user: 'chenjie',
        body: {},
      };
    },
  },
  'expenseClaims.pay': {
    request: async () => {
      const c = await newClaim();
      const pending = await send<{ approvalId: string }>(
        'POST',
        `/api/expense-claims/${c.no}/submit`,
        {},
        'chenjie',
      );
      await send('POST', `/api/approvals/${pending.approvalId}/approve`, {}, 'sunli');
      return {
        method: 'POST',
        path: `/api/expense-claims/${c.no}/pay`,
        user: 'sunli',
        body: { paidOn: DATE },
      };
    },
  },
};
Object.assign(CASES, CLAIM_CASES);

/** The daily digest (docs/digest.md): one's own subscription. */
const DIGEST_CASES: Record<string, Case> = {
  'digest.putSubscription': {
    request: async () => ({
      method: 'PUT',
      path: '/api/digest/subscription',
      user: 'zhoujun',
      body: { enabled: true, hour: 7 },
    }),
  },
};
Object.assign(CASES, DIGEST_CASES);
// ---- attachments (issue 16) ----
const PNG_UPLOAD = { fileName: '票据.png', contentType: 'image/png', size: PNG_BYTES.length };
const ATTACHMENT_CASES: Record<string, Case> = {
  'attachments.create': {
    request: async () => ({
      method: 'POST',
      path: '/api/attachments',
      user: 'chenjie',
      body: PNG_UPLOAD,
    }),
  },
  'attachments.complete': {
    request: async () => {
      const started = await send<AttachmentCreated>(
        'POST',
        '/api/attachments',
        PNG_UPLOAD,
        'chenjie',
      );
      const sent = await postFile(started.upload, PNG_BYTES, 'image/png');
      if (sent.status !== 204) throw new Error(`upload: ${sent.status} ${sent.body}`);
      return {
        method: 'POST',
        path: `/api/attachments/${started.attachment.id}/complete`,
        user: 'chenjie',
      };
    },
  },
};
Object.assign(CASES, ATTACHMENT_CASES);
/** A request on the demo's general form (the manager decides), or an approved purchase request. */
const newFormRequest = () =>
  send<{ no: string; approvalId: string }>(
    'POST',
    '/api/form-requests',
    { form: 'GENERAL', values: { subject: '申请', content: '内容' } },
    'chenjie',
  );
async function approvedPurchaseRequest(): Promise<string> {
  const r = await send<{ no: string; approvalId: string }>(
    'POST',
    '/api/form-requests',
    { form: 'PURCHASE', values: {}, lines: [{ item: 'PT-CAP12', qty: '10', neededDate: DATE }] },
    'chenjie',
  );
  await send('POST', `/api/approvals/${r.approvalId}/approve`, {}, 'lina');
  return r.no;
}

const FORM_CASES: Record<string, Case> = {
  'forms.put': {
    request: async () => ({
      method: 'PUT',
      path: `/api/forms/${next('FORM')}`,
      user: 'admin',
      body: {
        name: '外出',
        kind: 'general',
        fields: [{ key: 'where', label: '去向', type: 'text' }],
      },
    }),
  },
  'formRequests.create': {
    request: async () => ({
      method: 'POST',
      path: '/api/form-requests',
      user: 'chenjie',
      body: { form: 'GENERAL', values: { subject: '申请', content: '内容', amount: '12.00' } },
    }),
  },
  'formRequests.withdraw': {
    request: async () => {
      const r = await newFormRequest();
      return {
        method: 'POST',
        path: `/api/form-requests/${r.no}/withdraw`,
        user: 'chenjie',
        body: {},
      };
    },
  },
  'purchaseOrders.fromRequest': {
    request: async () => ({
      method: 'POST',
      path: '/api/purchase-orders/from-request',
      user: 'lina',
      body: {
        request: await approvedPurchaseRequest(),
        supplier: 'S-WEIDA',
        lines: [{ line: 1, price: '0.35' }],
      },
    }),
  },
};
Object.assign(CASES, FORM_CASES);

/**
 * Mutating routes that do no work to redo: what they answer is computed, nothing is written
 * (a share link is a signed token, stored nowhere).
 */
// imports.upload presigns an upload and writes nothing.
const NO_WORK = new Set([
  'boms.batchPreview',
  'deliveries.share',
  'purchaseOrders.share',
  'imports.upload',
]);

let cards: ReturnType<typeof recordingNotifier>;

beforeAll(async () => {
  api = await startApi({ seedDemo: true });
  await seedUsers(TENANT);
  cards = recordingNotifier();
  useApprovalNotifier(cards.notifier);
});
afterAll(async () => {
  useApprovalNotifier(undefined);
  await api.close();
});

it('every mutating route has a crash case here (or does no work)', () => {
  const mutating = routes.filter((r) => isIdempotent(r) && r.auth !== 'public').map((r) => r.id);
  expect(mutating.filter((id) => !CASES[id] && !NO_WORK.has(id))).toEqual([]);
  expect(Object.keys(CASES).filter((id) => !mutating.includes(id))).toEqual([]);
});

describe.each(Object.keys(CASES))('%s', (routeId) => {
  it('a retry after a crash right after the work does not do the work again', async () => {
    const route = routes.find((r) => r.id === routeId)!;
    const c = CASES[routeId]!;
    const request = await c.request();
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    let outcome: Awaited<ReturnType<typeof crashThenRetry>>;
    try {
      outcome = await crashThenRetry(request);
    } finally {
      errors.mockRestore();
    }
    const { first, retry } = outcome;
    // The work was done; its answer was lost with the process.
    expect({ status: first.status, body: first.body }).toEqual({
      status: 500,
      body: { error: { code: 'internal', message: expect.any(String) } },
    });
    expect({ status: retry.status, error: retry.status >= 400 ? retry.body : undefined }).toEqual({
      status: route.status,
      error: undefined,
    });
    if (c.resumes) {
      await c.resumes(retry);
    } else {
      expect(retry.headers.get('idempotent-replay')).toBe('true');
    }
  });
});

describe('work of several transactions', () => {
  it('task orders from sales that stopped between their transactions are taken back and written once by the retry; the large answer is kept (gzipped) and replayed', async () => {
    const lines = Array.from({ length: 100 }, () => ({
      item: 'FG-TS40',
      qty: '1',
      unitPrice: '1',
      dueDate: '2026-12-20',
    }));
    const so = await newSalesOrder({ customer: 'C-DAFENG', lines });
    await send('POST', `/api/sales-orders/${so.no}/submit`, {}, 'zhangwei');
    const request: Request = {
      method: 'POST',
      path: '/api/task-orders/from-sales',
      user: 'admin',
      body: { lines: lines.map((_, i) => ({ salesOrder: so.no, line: i + 1 })) },
    };
    const fromThisOrder = async () => {
      let count = 0;
      let cursor: string | null = null;
      do {
        const page: Page<TaskOrder> = await get<Page<TaskOrder>>(
          `/api/task-orders?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        );
        count += page.items.filter((o) => o.salesOrders?.[0]?.no === so.no).length;
        cursor = page.nextCursor;
      } while (cursor);
      return count;
    };

    // The store goes away after the first of the two transactions: the process is as good
    // as dead (not even the rollback gets through), the first 95 orders are written (of the
    // transaction's 98 items, one is the work's record, one the idempotency key and one the
    // planning mark; one more of DynamoDB's 100 stays free for the period lock's check). (The
    // outbox worker is paused meanwhile: its transactions would count, and so would those of
    // the net-change plan the sales order's confirmation started, so that is let finish.)
    await api.runtime.outbox.idle();
    await api.runtime.workflows.idle();
    await api.runtime.outbox.pause();
    const deps = getDeps();
    const send0 = deps.db.send.bind(deps.db);
    let transactions = 0;
    deps.db.send = ((command: unknown) => {
      if (command instanceof TransactWriteCommand && ++transactions >= 2)
        return Promise.reject(new Error('store down'));
      return send0(command as never);
    }) as typeof deps.db.send;
    const key = `crash-${randomUUID()}`;
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    let first: ApiResponse;
    try {
      first = await api.call(request.method, request.path, {
        token: await token('admin'),
        body: request.body,
        headers: { 'idempotency-key': key },
      });
    } finally {
      deps.db.send = send0 as typeof deps.db.send;
      api.runtime.outbox.resume();
      errors.mockRestore();
    }
    expect(first.status).toBe(500);
    expect(await fromThisOrder()).toBe(95);

    // The key was linked to the half-done work: once its lease runs out, the retry takes
    // back what was written and writes all 100 once.
    await expireLease(TENANT, key);
    // On a loaded machine the retry may run out of the function's time (503
    // request.timeout) while its work goes on (here, unlike a Lambda, nothing stops it): a
    // client asks again with the same key until the answer is there (409 while in progress).
    let retry: ApiResponse<{ orders: TaskOrder[] }>;
    for (let attempt = 1; ; attempt++) {
      retry = await api.call<{ orders: TaskOrder[] }>(request.method, request.path, {
        token: await token('admin'),
        body: request.body,
        headers: { 'idempotency-key': key },
      });
      const waiting =
        (retry.status === 503 && errorOf(retry).code === 'request.timeout') ||
        (retry.status === 409 && errorOf(retry).code === 'idempotency.inProgress');
      if (!waiting || attempt === 30) break;
      await new Promise((r) => setTimeout(r, 2000));
    }
    expect(retry.status).toBe(201);
    expect(retry.body.orders).toHaveLength(100);
    expect(await fromThisOrder()).toBe(100);
    // The answer (too large for a record as text) was kept compressed and is replayed.
    const again = await api.call<{ orders: TaskOrder[] }>(request.method, request.path, {
      token: await token('admin'),
      body: request.body,
      headers: { 'idempotency-key': key },
    });
    expect(again.headers.get('idempotent-replay')).toBe('true');
    expect(again.body).toEqual(retry.body);
  });
});
