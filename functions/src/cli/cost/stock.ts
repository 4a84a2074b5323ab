import {
  type Qty,
  qty,
  toQtyString,
  zAdjustmentRequest,
  zIssueRequest,
  zTransferRequest,
} from '@factory/shared';
import { postAdjustment, postIssue, postTransfer, queryBalances } from '../../usecases/stock.js';
import { type EventOf, type LineMap, allPages, byLine, parse } from './helpers.js';
import type { LoadContext } from './load.js';
import { postMoves, transferMoves } from './outsourcing.js';

/**
 * Lines between our warehouses are one stock transfer; lines into or out of a subcontractor's
 * warehouse are sends and material returns of its outsourcing orders. Which order is settled
 * for every line before anything is posted.
 */
export async function transfer(
  ctx: LoadContext,
  e: EventOf<'transfer'>,
  map: LineMap,
  index: number,
): Promise<void> {
  map.shortage = byLine(e.lines, 'from');
  const { plain, moves } = await transferMoves(ctx, e, index);
  if (plain.length) {
    map.lines = plain;
    map.fields = { fromWarehouse: 'from', toWarehouse: 'to' };
    await postTransfer(
      ctx.deps,
      ctx.admin,
      parse(zTransferRequest, {
        date: e.date,
        ...(e.no ? { note: e.no } : {}),
        lines: plain.map((j) => {
          const l = e.lines[j]!;
          return {
            item: l.item,
            fromWarehouse: l.from,
            toWarehouse: l.to,
            qty: l.qty,
            ...(l.customer ? { customer: l.customer } : {}),
          };
        }),
      }),
    );
  }
  await postMoves(ctx, e, moves, map);
}

export async function scrap(ctx: LoadContext, e: EventOf<'scrap'>, map: LineMap): Promise<void> {
  map.shortage = byLine(e.lines, 'warehouse');
  await postIssue(
    ctx.deps,
    ctx.admin,
    parse(zIssueRequest, {
      date: e.date,
      reason: 'scrap',
      lines: e.lines.map((l) => ({
        item: l.item,
        warehouse: l.warehouse,
        qty: l.qty,
        ...(l.customer ? { customer: l.customer } : {}),
      })),
    }),
  );
}

/** A count: the balance now plus the signed difference is what was counted. */
export async function countAdjustment(
  ctx: LoadContext,
  e: EventOf<'countAdjustment'>,
  map: LineMap,
): Promise<void> {
  map.shortage = byLine(e.lines, 'warehouse');
  map.fields = { countedQty: 'diff' };
  const lines = [];
  for (const l of e.lines) {
    const onHand = await available(ctx, l.item, l.warehouse, l.customer);
    lines.push({
      item: l.item,
      warehouse: l.warehouse,
      ...(l.customer ? { customer: l.customer } : {}),
      countedQty: toQtyString(onHand.plus(qty(l.diff))),
    });
  }
  await postAdjustment(
    ctx.deps,
    ctx.admin,
    parse(zAdjustmentRequest, { date: e.date, ...(e.no ? { note: e.no } : {}), lines }),
  );
}

/** Available stock of an item in a warehouse without lot or tracking number, by owner. */
async function available(
  ctx: LoadContext,
  item: string,
  warehouse: string,
  customer: string | undefined,
): Promise<Qty> {
  // Whose stock is counted: a customer-supplied warehouse's is the line's customer, else the
  // item's; any other warehouse's is ours.
  const owner =
    ctx.warehouses.get(warehouse)?.kind === 'customerSupplied'
      ? (customer ?? ctx.file.items.find((i) => i.code === item)?.customer)
      : undefined;
  let total = qty(0);
  const balances = allPages((cursor) =>
    queryBalances(ctx.deps, ctx.admin, {
      item,
      warehouse,
      status: 'available',
      includeZero: 'false',
      limit: 500,
      ...(cursor ? { cursor } : {}),
    }),
  );
  for await (const b of balances) {
    if (b.warehouse !== warehouse || b.lot || b.trackingNo) continue;
    if (b.customer !== owner) continue;
    total = total.plus(qty(b.qty));
  }
  return total;
}
