import {
  type Qty,
  qty,
  toQtyString,
  zSupplementaryRequest,
  zTaskIssueRequest,
  zTaskReturnRequest,
} from '@factory/shared';
import { getTaskOrder } from '../../usecases/taskOrders/orders.js';
import { issueToOrder, returnFromOrder } from '../../usecases/taskOrders/picking.js';
import { requestSupplementary } from '../../usecases/taskOrders/supplementary.js';
import {
  BEYOND_NEEDS,
  type EventOf,
  type LineMap,
  approve,
  byLine,
  inRuns,
  least,
  maxZero,
  parse,
  unindexed,
} from './helpers.js';
import type { LoadContext } from './load.js';
import { issueToSubcontractor, returnFromSubcontractor } from './outsourcing.js';

/**
 * Lines per standard issue or return and per supplementary issue (taskOrder.ts); a file's
 * event has up to 1000.
 */
const PICK_LINES = 300;
const SUPPLEMENTARY_LINES = 100;

/**
 * An issue to a task order: what its open manual needs take is a standard issue, the rest a
 * supplementary issue (补料), approved by the manager. To an outsourcing order: sends.
 */
export async function issue(ctx: LoadContext, e: EventOf<'issue'>, map: LineMap): Promise<void> {
  const { deps, admin } = ctx;
  map.shortage = byLine(e.lines, 'warehouse');
  if (ctx.outsourced.has(e.order)) return issueToSubcontractor(ctx, e, map);
  const order = await getTaskOrder(deps, admin, e.order);
  const room = order.needs.map((n) =>
    n.issueMethod === 'manual' ? maxZero(qty(n.required).minus(qty(n.issued))) : qty(0),
  );
  type Line = { j: number; item: string; warehouse: string; qty: string };
  const standard: Line[] = [];
  const extras: Line[] = [];
  e.lines.forEach((l, j) => {
    let rest = qty(l.qty);
    order.needs.forEach((n, k) => {
      if (n.item !== l.item || (n.warehouse !== '' && n.warehouse !== l.warehouse)) return;
      const take = least(rest, room[k]!);
      room[k] = room[k]!.minus(take);
      rest = rest.minus(take);
    });
    const fits = qty(l.qty).minus(rest);
    const line = (q: Qty) => ({ j, item: l.item, warehouse: l.warehouse, qty: toQtyString(q) });
    if (fits.greaterThan(0)) standard.push(line(fits));
    if (rest.greaterThan(0)) extras.push(line(rest));
  });
  await inRuns(standard, PICK_LINES, map, (part) =>
    issueToOrder(
      deps,
      admin,
      e.order,
      parse(zTaskIssueRequest, { date: e.date, lines: unindexed(part) }),
    ),
  );
  await inRuns(extras, SUPPLEMENTARY_LINES, map, async (part) => {
    const request = await requestSupplementary(
      deps,
      admin,
      e.order,
      parse(zSupplementaryRequest, {
        date: e.date,
        reason: BEYOND_NEEDS,
        lines: unindexed(part),
      }),
    );
    if (request.status === 'pending') await approve(ctx, request.approvalId!);
  });
}

/** A return from a task order (from an outsourcing order: its material return). */
export async function returnIssued(
  ctx: LoadContext,
  e: EventOf<'return'>,
  map: LineMap,
): Promise<void> {
  map.shortage = byLine(e.lines, 'warehouse');
  if (ctx.outsourced.has(e.order)) return returnFromSubcontractor(ctx, e);
  await inRuns(
    e.lines.map((l, j) => ({ j, item: l.item, warehouse: l.warehouse, qty: l.qty })),
    PICK_LINES,
    map,
    (part) =>
      returnFromOrder(
        ctx.deps,
        ctx.admin,
        e.order,
        parse(zTaskReturnRequest, { date: e.date, lines: unindexed(part) }),
      ),
  );
}
