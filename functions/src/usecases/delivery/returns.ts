import {
  AppError,
  type CustomerReturn,
  type CustomerReturnCreate,
  type FieldIssue,
  type Session,
  addQty,
  cmpQty,
  invalidRequest,
  notFound,
  subQty,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { deliveredAfterReturn } from '../../domain/delivery/index.js';
import { balanceChanges, planReceipt } from '../../domain/inventory/index.js';
import { deliveryRepo, salesOrderDeliveredUpdate } from '../../store/deliveryRepo.js';
import { salesOrderRepo } from '../../store/salesOrderRepo.js';
import { nextDocumentNumber } from '../../store/sequenceRepo.js';
import type { CommitHooks } from '../hooks.js';
import { commitPosting } from '../posting.js';
import { prepareInspections, withInspectionPlans } from '../quality/openings.js';
import { loadReferences } from '../references.js';
import { shanghaiDate } from '../time.js';
import { missing } from './notFound.js';

const ATTEMPTS = 3;

function isConflict(err: unknown): boolean {
  return (
    err instanceof AppError &&
    err.code === 'resource.versionConflict' &&
    (err.details?.entity === 'salesOrder' || err.details?.entity === 'delivery')
  );
}

const bodyIssues = (issues: FieldIssue[]) =>
  invalidRequest(issues.map((i) => ({ ...i, path: ['body', ...i.path] })));

/**
 * A customer return (销售退货) against lines of a delivery: the goods go back into stock in
 * status `inspection` (not available, not plannable, DOMAIN.md "Quality"), into the warehouse
 * they shipped from unless another is given, with the line's tracking number (MTO stock stays
 * its order's). In the same transaction each delivery line's `returned` rises and the sales
 * line's `delivered` falls by the quantity: an open (confirmed) order's line is demand again;
 * a closed order stays closed (docs/architecture.md, "Deliveries"). Returning more than a line
 * delivered less what was returned before is 409 delivery.overReturn; nothing is written.
 */
export async function createCustomerReturn(
  deps: Deps,
  s: Session,
  req: CustomerReturnCreate,
  hooks: CommitHooks<CustomerReturn> = {},
): Promise<CustomerReturn> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await returnOnce(deps, s, req, hooks);
    } catch (err) {
      if (!isConflict(err) || attempt >= ATTEMPTS) throw err;
    }
  }
}

async function returnOnce(
  deps: Deps,
  s: Session,
  req: CustomerReturnCreate,
  hooks: CommitHooks<CustomerReturn>,
): Promise<CustomerReturn> {
  const deliveries = deliveryRepo(deps, s.tenant);
  const stored = await deliveries.get(req.delivery);
  if (!stored) throw bodyIssues([{ path: ['delivery'], message: `发货单不存在：${req.delivery}` }]);
  const issues: FieldIssue[] = [];
  const returned = new Map<number, string>();
  req.lines.forEach((l, i) => {
    const line = stored.lines[l.line - 1];
    if (!line) {
      issues.push({
        path: ['lines', i, 'line'],
        message: `发货单 ${stored.no} 没有第 ${l.line} 行`,
      });
      return;
    }
    returned.set(l.line, addQty(returned.get(l.line) ?? line.returned, l.qty));
  });
  if (issues.length) throw bodyIssues(issues);
  const over = [...returned]
    .filter(([n, r]) => cmpQty(r, stored.lines[n - 1]!.qty) > 0)
    .map(([n, r]) => {
      const line = stored.lines[n - 1]!;
      return {
        line: n,
        delivered: line.qty,
        returned: line.returned,
        requested: subQty(r, line.returned),
      };
    });
  if (over.length) {
    throw new AppError(
      'delivery.overReturn',
      `退货数量超过发货数量：${over.map((o) => `第 ${o.line} 行发货 ${o.delivered}，已退 ${o.returned}，本次 ${o.requested}`).join('；')}`,
      { delivery: stored.no, lines: over },
    );
  }

  const date = req.date ?? shanghaiDate(deps.clock.now());
  const lines = req.lines.map((l, i) => {
    const d = stored.lines[l.line - 1]!;
    return {
      line: i + 1,
      deliveryLine: l.line,
      salesOrder: d.salesOrder,
      salesOrderLine: d.salesOrderLine,
      item: d.item,
      ...(d.itemName ? { itemName: d.itemName } : {}),
      ...(d.unit ? { unit: d.unit } : {}),
      ...(d.unitName ? { unitName: d.unitName } : {}),
      qty: l.qty,
      warehouse: l.warehouse ?? d.warehouse,
      ...(d.trackingNo ? { trackingNo: d.trackingNo } : {}),
      ...(d.lot ? { lot: d.lot } : {}),
    };
  });
  const refs = await withInspectionPlans(
    deps,
    s.tenant,
    await loadReferences(
      deps,
      s.tenant,
      lines.map((l) => l.item),
      lines.map((l) => l.warehouse),
    ),
  );
  // Returned goods wait for inspection unless the item's plan leaves customer returns out.
  const statusOf = (item: string) => {
    const inspects = refs.items.get(item)?.inspects;
    return inspects && !inspects.includes('customerReturn') ? 'available' : 'inspection';
  };
  const receipt = planReceipt(
    {
      date,
      reason: 'return',
      lines: lines.map((l) => ({
        item: l.item,
        warehouse: l.warehouse,
        qty: l.qty,
        status: statusOf(l.item),
        ...(l.lot ? { lot: l.lot } : {}),
        ...(l.trackingNo ? { trackingNo: l.trackingNo } : {}),
      })),
    },
    refs,
  );
  if (!receipt.ok) throw bodyIssues(receipt.issues);
  const moves = receipt.value;

  // The sales lines' delivered falls by what comes back (per order, by line).
  const orders = salesOrderRepo(deps, s.tenant);
  const byOrder = new Map<string, Map<number, string>>();
  for (const l of lines) {
    const m = byOrder.get(l.salesOrder) ?? new Map<number, string>();
    m.set(l.salesOrderLine, addQty(m.get(l.salesOrderLine) ?? '0', l.qty));
    byOrder.set(l.salesOrder, m);
  }
  const at = deps.clock.now().toISOString();
  const orderItems = [];
  for (const [no, back] of byOrder) {
    const order = await orders.get(no);
    if (!order) throw notFound('salesOrder', no);
    const delivered = new Map<number, string>();
    for (const [n, q] of back) {
      delivered.set(n - 1, deliveredAfterReturn(order.lines[n - 1]!.delivered, q));
    }
    orderItems.push(
      salesOrderDeliveredUpdate(
        deps,
        s.tenant,
        { no, version: order.version, hasVersion: order.origin === 'entry' || order.version > 1 },
        delivered,
        {},
        at,
      ),
    );
  }

  const no = await nextDocumentNumber(deps, s.tenant, 'SR', date);
  const result: CustomerReturn = {
    no,
    delivery: stored.no,
    customer: stored.customer,
    date,
    ...(req.reason ? { reason: req.reason } : {}),
    lines: lines.map(({ lot: _lot, ...l }) => ({ ...l, status: statusOf(l.item) })),
    createdAt: at,
    createdBy: s.user,
  };
  const nextDelivery = {
    ...stored,
    lines: stored.lines.map((l) =>
      returned.has(l.line) ? { ...l, returned: returned.get(l.line)! } : l,
    ),
    version: stored.version + 1,
  };
  const header = {
    no,
    kind: 'receipt' as const,
    date,
    reason: 'return',
    partner: stored.customer,
    ref: stored.no,
    ...(req.reason ? { note: req.reason } : {}),
    postedAt: at,
    postedBy: s.user,
  };
  const opened = await prepareInspections(deps, s, header, moves, {
    kind: 'customerReturn',
    partner: stored.customer,
    sourceOf: (m) => {
      const l = lines[m.lineNo - 1];
      return l && { order: l.salesOrder, line: l.salesOrderLine };
    },
  });
  const documentItems = [
    ...orderItems,
    deliveries.putAt(nextDelivery, stored.version),
    deliveries.putReturn(result),
    ...opened.items,
  ];
  await commitPosting(
    deps,
    s.tenant,
    header,
    moves,
    balanceChanges(moves, refs),
    { onComplete: () => [...documentItems, ...(hooks.onComplete?.(result) ?? [])] },
    { completionItems: documentItems.length + 1 },
  );
  return result;
}

export async function getCustomerReturn(
  deps: Deps,
  s: Session,
  no: string,
): Promise<CustomerReturn> {
  const r = await deliveryRepo(deps, s.tenant).getReturn(no);
  if (!r) throw missing('customerReturn', no);
  return r;
}
