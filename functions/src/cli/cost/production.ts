import {
  zOutsourcingOrderClose,
  zProductionReceiptRequest,
  zTaskOrderTransition,
  zWorkReportRequest,
} from '@factory/shared';
import { closeOutsourcingOrder } from '../../usecases/outsourcing/orders.js';
import { receiveProduction } from '../../usecases/shopfloor/receipts.js';
import { createWorkReport } from '../../usecases/shopfloor/workReports.js';
import { setTaskOrderState } from '../../usecases/taskOrders/orders.js';
import { type EventOf, type LineMap, parse } from './helpers.js';
import type { LoadContext } from './load.js';

export async function workReport(
  ctx: LoadContext,
  e: EventOf<'workReport'>,
  map: LineMap,
): Promise<void> {
  map.fields = { taskOrder: 'order' };
  await createWorkReport(
    ctx.deps,
    ctx.admin,
    parse(zWorkReportRequest, {
      taskOrder: e.order,
      date: e.date,
      good: e.good,
      ...(e.scrap !== undefined ? { scrap: e.scrap } : {}),
      ...(e.hours !== undefined ? { hours: e.hours } : {}),
    }),
  );
}

export async function productionReceipt(
  ctx: LoadContext,
  e: EventOf<'productionReceipt'>,
  map: LineMap,
): Promise<void> {
  map.fields = { taskOrder: 'order' };
  await receiveProduction(
    ctx.deps,
    ctx.admin,
    parse(zProductionReceiptRequest, {
      taskOrder: e.order,
      date: e.date,
      qty: e.qty,
      warehouse: e.warehouse,
      // A file's receipt is a fact; its work reports only carry hours (and may be absent).
      allowAboveReported: true,
    }),
  );
}

/** A task order closed, or an outsourcing order. */
export async function closeOrder(ctx: LoadContext, e: EventOf<'closeOrder'>): Promise<void> {
  const { deps, admin } = ctx;
  if (ctx.outsourced.has(e.order)) {
    await closeOutsourcingOrder(deps, admin, e.order, parse(zOutsourcingOrderClose, {}));
  } else {
    await setTaskOrderState(deps, admin, e.order, parse(zTaskOrderTransition, { to: 'closed' }));
  }
}
