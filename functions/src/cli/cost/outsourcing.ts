import {
  type FieldIssue,
  type OutsourcingOrder,
  type Qty,
  qty,
  toQtyString,
  zOutsourcingMaterialReturnCreate,
  zOutsourcingReceiptCreate,
  zOutsourcingSendCreate,
  zOutsourcingSettlementCreate,
} from '@factory/shared';
import { getOutsourcingOrder, listOutsourcingOrders } from '../../usecases/outsourcing/orders.js';
import { receiveOutsourcing } from '../../usecases/outsourcing/receipts.js';
import { returnMaterials, sendMaterials } from '../../usecases/outsourcing/sends.js';
import { settleOutsourcing } from '../../usecases/outsourcing/settlements.js';
import {
  BEYOND_NEEDS,
  type EventOf,
  type LineMap,
  allPages,
  least,
  maxZero,
  parse,
  refusal,
} from './helpers.js';
import type { LoadContext } from './load.js';

/** A transfer line into (`send`) or out of (`back`) a subcontractor's warehouse, and its order. */
export type Move = { j: number; kind: 'send' | 'back'; order: string; room: Qty };

/** An issue to an outsourcing order: sends into its subcontractor's warehouse. */
export async function issueToSubcontractor(
  ctx: LoadContext,
  e: EventOf<'issue'>,
  map: LineMap,
): Promise<void> {
  const order = await getOutsourcingOrder(ctx.deps, ctx.admin, e.order);
  const send = sender(ctx, e.date);
  for (const [j, l] of e.lines.entries()) {
    map.lines = [j];
    const line = { item: l.item, qty: l.qty, from: l.warehouse };
    await send(e.order, line, roomOf(order, l.item, 'send'));
  }
}

/** A return from an outsourcing order: its material return. */
export async function returnFromSubcontractor(
  ctx: LoadContext,
  e: EventOf<'return'>,
): Promise<void> {
  await materialReturn(
    ctx,
    e.order,
    e.date,
    e.lines.map((l) => ({ item: l.item, qty: l.qty, warehouse: l.warehouse })),
  );
}

export async function outsourcingReceipt(
  ctx: LoadContext,
  e: EventOf<'outsourcingReceipt'>,
  map: LineMap,
): Promise<void> {
  map.fields = { outsourcingOrder: 'order' };
  await receiveOutsourcing(
    ctx.deps,
    ctx.admin,
    parse(zOutsourcingReceiptCreate, {
      outsourcingOrder: e.order,
      date: e.date,
      qty: e.qty,
      warehouse: e.warehouse,
    }),
  );
}

export async function settlement(
  ctx: LoadContext,
  e: EventOf<'settlement'>,
  map: LineMap,
  index: number,
): Promise<void> {
  const supplier = ctx.outsourced.get(e.order);
  map.fields = { orders: 'order', amount: 'amount' };
  await settleOutsourcing(
    ctx.deps,
    ctx.admin,
    parse(zOutsourcingSettlementCreate, {
      subcontractor: supplier ?? '',
      invoiceNo: e.no ?? `${e.order}-${index}`,
      date: e.date,
      orders: [{ order: e.order, amount: e.amount }],
    }),
  );
}

/**
 * A transfer's lines split: those between our warehouses (`plain`, by index) and those into or
 * out of a subcontractor's warehouse (`moves`). A line into one is a send to that
 * subcontractor's one open order needing the item; a line out of one, a material return of its
 * one order with the item still there. A line without exactly one such order is refused, all
 * of them at once, before anything is posted.
 */
export async function transferMoves(
  ctx: LoadContext,
  e: EventOf<'transfer'>,
  index: number,
): Promise<{ plain: number[]; moves: Move[] }> {
  const subcontractorOf = (code: string) => {
    const w = ctx.warehouses.get(code);
    return w?.kind === 'subcontractor' ? { partner: w.partner } : undefined;
  };
  const plain: number[] = [];
  const moves: Move[] = [];
  const issues: FieldIssue[] = [];
  for (const [j, l] of e.lines.entries()) {
    const from = subcontractorOf(l.from);
    const to = subcontractorOf(l.to);
    if (!from && !to) {
      plain.push(j);
      continue;
    }
    const kind = from ? 'back' : 'send';
    const field = from ? 'from' : 'to';
    const warehouse = from ? l.from : l.to;
    const partner = (from ?? to)!.partner;
    const candidates = partner ? await ordersWith(ctx, partner, l.item, kind) : [];
    if (candidates.length === 1) {
      moves.push({ j, kind, ...candidates[0]! });
      continue;
    }
    const what = kind === 'send' ? '需要' : '在外协厂有';
    issues.push({
      path: ['events', index, 'lines', j, field],
      message: candidates.length
        ? `外协仓 ${warehouse} 的外协厂 ${partner} 有多个未完成的委外订单${what} ${l.item}（${candidates.map((c) => c.order).join('、')}），无法确定是哪个订单`
        : `外协仓 ${warehouse} 的外协厂${partner ? ` ${partner} ` : ''}没有${what} ${l.item} 的未完成委外订单，不能${kind === 'send' ? '调拨到' : '从'}外协仓${kind === 'send' ? '' : '调出'}`,
    });
  }
  if (issues.length) throw refusal(issues);
  return { plain, moves };
}

/**
 * A transfer's moves: a line into a subcontractor's warehouse is a send (what the order still
 * needs a standard send, the rest a supplementary one), a line out of one a material return.
 */
export async function postMoves(
  ctx: LoadContext,
  e: EventOf<'transfer'>,
  moves: Move[],
  map: LineMap,
): Promise<void> {
  const send = sender(ctx, e.date);
  for (const { j, kind, order, room } of moves) {
    const l = e.lines[j]!;
    map.lines = [j];
    if (kind === 'back') {
      map.fields = { warehouse: 'to' };
      await materialReturn(ctx, order, e.date, [{ item: l.item, qty: l.qty, warehouse: l.to }]);
      continue;
    }
    map.fields = { toWarehouse: 'to', warehouse: 'from' };
    await send(order, l, room, l.to);
  }
}

async function materialReturn(
  ctx: LoadContext,
  order: string,
  date: string,
  lines: { item: string; qty: string; warehouse: string }[],
): Promise<void> {
  await returnMaterials(
    ctx.deps,
    ctx.admin,
    order,
    parse(zOutsourcingMaterialReturnCreate, { date, lines }),
  );
}

/**
 * Sends of one event's lines. Lines of one event sending the same item to the same order share
 * what it still needs (`room`, as read before the event's first send).
 */
function sender(ctx: LoadContext, date: string) {
  const sent = new Map<string, Qty>();
  return async (
    order: string,
    l: { item: string; qty: string; from: string },
    room: Qty,
    toWarehouse?: string,
  ): Promise<void> => {
    const key = `${order}\u0000${l.item}`;
    const before = sent.get(key) ?? qty(0);
    await send(ctx, order, date, l, maxZero(room.minus(before)), toWarehouse);
    sent.set(key, before.plus(qty(l.qty)));
  };
}

/**
 * A send of one line to an outsourcing order: what the order still needs of the item
 * (`room`) a standard send, the rest a supplementary one.
 */
async function send(
  ctx: LoadContext,
  order: string,
  date: string,
  l: { item: string; qty: string; from: string },
  room: Qty,
  toWarehouse?: string,
): Promise<void> {
  const amount = qty(l.qty);
  const standard = least(amount, room);
  const rest = amount.minus(standard);
  const post = (mode: 'standard' | 'supplementary', q: Qty) =>
    sendMaterials(
      ctx.deps,
      ctx.admin,
      order,
      parse(zOutsourcingSendCreate, {
        mode,
        date,
        ...(toWarehouse ? { toWarehouse } : {}),
        ...(mode === 'supplementary' ? { reason: BEYOND_NEEDS } : {}),
        lines: [{ item: l.item, qty: toQtyString(q), warehouse: l.from }],
      }),
    );
  if (standard.greaterThan(0)) await post('standard', standard);
  if (rest.greaterThan(0)) await post('supplementary', rest);
}

/**
 * The subcontractor's open outsourcing orders that still need some of the item (`send`: how
 * much) or still have some of it at the subcontractor (`back`).
 */
async function ordersWith(
  ctx: LoadContext,
  subcontractor: string,
  item: string,
  kind: 'send' | 'back',
): Promise<{ order: string; room: Qty }[]> {
  const found: { order: string; room: Qty }[] = [];
  const listed = allPages((cursor) =>
    listOutsourcingOrders(ctx.deps, ctx.admin, {
      status: 'open',
      subcontractor,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    }),
  );
  for await (const { no } of listed) {
    // Read one by one: an imported order's needs are computed on its first read.
    const order = await getOutsourcingOrder(ctx.deps, ctx.admin, no);
    const room = roomOf(order, item, kind);
    if (room.greaterThan(0)) found.push({ order: order.no, room });
  }
  return found;
}

/** How much of the item the order still needs (`send`) or has at the subcontractor (`back`). */
function roomOf(order: OutsourcingOrder, item: string, kind: 'send' | 'back'): Qty {
  return order.components
    .filter((c) => c.item === item)
    .reduce(
      (a, c) =>
        a.plus(
          kind === 'send'
            ? maxZero(qty(c.required).minus(qty(c.sent)))
            : maxZero(qty(c.atSubcontractor)),
        ),
      qty(0),
    );
}
