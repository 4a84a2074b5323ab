import {
  AppError,
  type FieldIssue,
  type OutsourcingComponent,
  type OutsourcingOrderStatus,
  type TaskNeed,
  cmpQty,
  qty as toQty,
  toQtyString,
} from '@factory/shared';
import { backflush, type BackflushIssue, type ComponentFacts } from '../shopfloor/index.js';
import type { HeldAt, OutsourcingNeed, OutsourcingOrderRecord } from './types.js';

/**
 * Outsourcing orders (DOMAIN.md "Outsourcing and customer-supplied material"): states, what
 * each action needs, the subcontractor's warehouse, and the receipt's consumption there.
 */

/** The state a stored status means: older writes say `received` for completed; absent: open. */
export function outsourcingState(stored: string | undefined): OutsourcingOrderStatus {
  if (stored === 'received' || stored === 'completed') return 'completed';
  if (stored === 'closed' || stored === 'cancelled') return stored;
  return 'open';
}

/** Whether anything was sent to, or received from, the subcontractor on the order. */
export function hasMoved(o: OutsourcingOrderRecord): boolean {
  return (
    o.documents.length > 0 ||
    cmpQty(o.received, '0') !== 0 ||
    o.issued.some((x) => cmpQty(x.qty, '0') !== 0) ||
    o.extras.length > 0
  );
}

export type OutsourcingAction =
  'edit' | 'cancel' | 'close' | 'send' | 'returnMaterials' | 'receive' | 'returnProduct';

const LABEL: Record<OutsourcingOrderStatus, string> = {
  open: '未完成',
  completed: '已完成',
  closed: '已关闭',
  cancelled: '已取消',
};

/**
 * Refuses an action the order's state does not allow (409 order.invalidState): edit and cancel
 * only while open with nothing sent or received; close when open or completed; sends while
 * open; receipts while open or completed (beyond the quantity needs an allowance); material
 * returns unless cancelled (a closed order's materials still come back); a product return
 * (quality) unless cancelled.
 */
export function assertAction(o: OutsourcingOrderRecord, action: OutsourcingAction): void {
  const state = outsourcingState(o.status);
  const allowed: Record<OutsourcingAction, OutsourcingOrderStatus[]> = {
    edit: ['open'],
    cancel: ['open'],
    close: ['open', 'completed'],
    send: ['open'],
    returnMaterials: ['open', 'completed', 'closed'],
    receive: ['open', 'completed'],
    returnProduct: ['open', 'completed', 'closed'],
  };
  const refuse = (message: string) => {
    throw new AppError('order.invalidState', message, {
      order: o.no,
      kind: 'outsourcingOrder',
      status: state,
      action,
    });
  };
  if (!allowed[action].includes(state)) {
    refuse(`委外订单 ${o.no} ${LABEL[state]}，不能${ACTION_LABEL[action]}`);
  }
  if ((action === 'edit' || action === 'cancel') && hasMoved(o)) {
    refuse(`委外订单 ${o.no} 已发料或已入库，不能${ACTION_LABEL[action]}`);
  }
}

const ACTION_LABEL: Record<OutsourcingAction, string> = {
  edit: '修改',
  cancel: '取消',
  close: '关闭',
  send: '发料',
  returnMaterials: '退料',
  receive: '入库',
  returnProduct: '退货',
};

/** What the send rules read of a warehouse. */
export type SubcontractorWarehouseFacts = {
  code: string;
  kind: string;
  partner?: string;
  active: boolean;
};

/**
 * The subcontractor's warehouse a send goes to: the one named, else the order's (fixed by its
 * first send), else the subcontractor's only active warehouse of kind `subcontractor`. It must
 * be of kind `subcontractor`, name the order's subcontractor as its partner, and be the
 * order's once the order has one (all of an order's materials sit in one place, where its
 * receipts consume them). Every refusal names the field.
 */
export function subcontractorWarehouse(
  o: OutsourcingOrderRecord,
  named: string | undefined,
  find: (code: string) => SubcontractorWarehouseFacts | undefined,
  ofPartner: readonly SubcontractorWarehouseFacts[],
  path: (string | number)[],
): { ok: true; code: string } | { ok: false; issues: FieldIssue[] } {
  const fail = (message: string) => ({ ok: false as const, issues: [{ path, message }] });
  const code =
    named ??
    o.subcontractorWarehouse ??
    (ofPartner.filter((w) => w.active).length === 1
      ? ofPartner.find((w) => w.active)!.code
      : undefined);
  if (!code) {
    return fail(
      ofPartner.length
        ? `外协厂 ${o.supplier} 有多个外协仓，请指定发往的仓库`
        : `外协厂 ${o.supplier} 没有外协仓（仓库类型为外协、往来单位为该外协厂），请先建立`,
    );
  }
  const wh = find(code);
  if (!wh) return fail(`仓库不存在：${code}`);
  if (!wh.active) return fail(`仓库已停用：${code}`);
  if (wh.kind !== 'subcontractor') return fail(`仓库 ${code} 不是外协仓，委外发料只能发往外协仓`);
  if (wh.partner !== o.supplier) {
    return fail(
      `仓库 ${code} 属于${wh.partner ? `外协厂 ${wh.partner}` : '未指定外协厂'}，不是本单外协厂 ${o.supplier} 的仓库`,
    );
  }
  if (o.subcontractorWarehouse && o.subcontractorWarehouse !== code) {
    return fail(`委外订单 ${o.no} 的材料已发往 ${o.subcontractorWarehouse}，不能再发往 ${code}`);
  }
  return { ok: true, code };
}

/** Needs as the picking rules read them (a task order's need shape). */
export function asTaskNeeds(needs: readonly OutsourcingNeed[]): TaskNeed[] {
  return needs.map((n) => ({ ...n }));
}

/** Needs computed from the BOM, as an outsourcing order keeps them: every one sent by hand. */
export function toOutsourcingNeeds(needs: readonly TaskNeed[]): OutsourcingNeed[] {
  return needs.map((n) => ({
    item: n.item,
    qtyPer: n.qtyPer,
    lossRate: n.lossRate,
    required: n.required,
    issued: n.issued,
    warehouse: n.warehouse,
    issueMethod: 'manual',
    ...(n.trackingNo ? { trackingNo: n.trackingNo } : {}),
    ...(n.phantomPath ? { phantomPath: n.phantomPath } : {}),
  }));
}

/**
 * What a receipt consumes at the subcontractor's warehouse: every need, cumulative like a
 * backflush (`received × qtyPer × (1 + loss)`, rounded up to the component's precision, less
 * what earlier receipts consumed; received before the first receipt here counts as consumed).
 * Product returned to the subcontractor after inspection still counts as received here (the
 * material for it was used), so its replacement consumes again.
 */
export function consumption(
  o: OutsourcingOrderRecord,
  warehouse: string,
  after: string,
  facts: (item: string) => ComponentFacts | undefined,
): { lines: BackflushIssue[]; consumed: HeldAt[] } {
  const returned = o.returned ?? '0';
  const plus = (q: string) => toQtyString(toQty(q).plus(returned));
  return backflush(
    {
      before: plus(o.received),
      after: plus(after),
      opening: o.openingReceived ?? o.received,
      consumed: o.consumed,
    },
    (o.needs ?? []).map((n) => ({
      item: n.item,
      qtyPer: n.qtyPer,
      lossRate: n.lossRate,
      issueMethod: 'backflush',
      warehouse,
      ...(n.trackingNo ? { trackingNo: n.trackingNo } : {}),
    })),
    facts,
  );
}

/**
 * What the order's opening received quantity (an imported order's `received` before its first
 * receipt here) used at the subcontractor, per item and tracking number: the same rule as a
 * receipt of that quantity. Its material was sent (it is in `issued`) but no receipt here
 * consumed it.
 */
export function openingUse(
  o: OutsourcingOrderRecord,
  facts: (item: string) => ComponentFacts | undefined,
): HeldAt[] {
  const opening = o.openingReceived ?? o.received;
  if (cmpQty(opening, '0') <= 0) return [];
  const fresh = { ...o, received: '0', openingReceived: '0', returned: '0', consumed: [] };
  // Where it was used does not matter here (any warehouse name will do): only how much.
  return consumption(fresh, '-', opening, facts).consumed.map((c) => ({ ...c, warehouse: '' }));
}

/**
 * Refuses a receipt beyond the order quantity unless allowed (409 receipt.overReceipt, the
 * issue at `body.qty`); returns the order's received quantity after it.
 */
export function checkReceipt(
  o: OutsourcingOrderRecord,
  req: { qty: string; allowOverReceipt?: boolean },
): string {
  assertAction(o, 'receive');
  const after = toQtyString(toQty(o.received).plus(req.qty));
  if (!req.allowOverReceipt && cmpQty(after, o.qty) > 0) {
    const message = `超量入库：委外订单 ${o.no}（${o.item}）订购 ${o.qty}，已入库 ${o.received}，本次 ${req.qty}`;
    throw new AppError(
      'receipt.overReceipt',
      message,
      { order: o.no, item: o.item, ordered: o.qty, received: o.received, requested: req.qty },
      [{ path: ['body', 'qty'], message, code: 'receipt.overReceipt' }],
    );
  }
  return after;
}

/** Completed once received in full; back to open when a return takes it below. */
export function statusAfterReceived(o: OutsourcingOrderRecord, received: string): string {
  const state = outsourcingState(o.status);
  if (state === 'open' && cmpQty(received, o.qty) >= 0) return 'completed';
  if (state === 'completed' && cmpQty(received, o.qty) < 0) return 'open';
  return o.status;
}

/**
 * Per need: required, sent, consumed (what the receipts consumed of its item and tracking
 * number, and with `facts` what an imported order's opening received used, spread over its
 * needs in order, each up to what it was sent; the rest on the last) and still at the
 * subcontractor (sent − consumed, never below zero).
 */
export function componentsOf(
  o: OutsourcingOrderRecord,
  names: (item: string) => { name?: string; unit?: string } | undefined = () => undefined,
  facts?: (item: string) => ComponentFacts | undefined,
): OutsourcingComponent[] {
  const needs = o.needs ?? [];
  const left = new Map<string, ReturnType<typeof toQty>>();
  const key = (item: string, trackingNo?: string) => `${item}\u0000${trackingNo ?? ''}`;
  for (const c of [...o.consumed, ...(facts ? openingUse(o, facts) : [])]) {
    const k = key(c.item, c.trackingNo);
    left.set(k, (left.get(k) ?? toQty(0)).plus(c.qty));
  }
  const lastOf = new Map<string, number>();
  needs.forEach((n, i) => lastOf.set(key(n.item, n.trackingNo), i));
  return needs.map((n, i) => {
    const k = key(n.item, n.trackingNo);
    const rest = left.get(k) ?? toQty(0);
    const sent = toQty(n.issued);
    const cap = sent.isNegative() ? toQty(0) : sent;
    const share = lastOf.get(k) === i || rest.lessThan(cap) ? rest : cap;
    left.set(k, rest.minus(share));
    const held = sent.minus(share);
    const info = names(n.item);
    return {
      item: n.item,
      ...(info?.name ? { itemName: info.name } : {}),
      ...(info?.unit ? { unit: info.unit } : {}),
      qtyPer: n.qtyPer,
      lossRate: n.lossRate,
      required: n.required,
      sent: n.issued,
      consumed: toQtyString(share),
      atSubcontractor: toQtyString(held.isNegative() ? toQty(0) : held),
      warehouse: n.warehouse,
      ...(n.trackingNo ? { trackingNo: n.trackingNo } : {}),
      ...(n.phantomPath ? { phantomPath: n.phantomPath } : {}),
    };
  });
}

/** Adds signed quantities to held stock per item, warehouse and tracking number. */
export function addHeld(held: readonly HeldAt[], more: readonly HeldAt[]): HeldAt[] {
  const key = (x: HeldAt) => `${x.item}\u0000${x.warehouse}\u0000${x.trackingNo ?? ''}`;
  const out = new Map(held.map((h) => [key(h), { ...h }]));
  for (const m of more) {
    const h = out.get(key(m));
    const q = toQtyString(toQty(h?.qty ?? '0').plus(m.qty));
    out.set(key(m), { ...m, qty: q });
  }
  return [...out.values()].filter((h) => !toQty(h.qty).isZero());
}
