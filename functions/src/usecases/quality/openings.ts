import {
  type InspectionReceiptKind,
  type InspectionRecord,
  type Item,
  type Session,
  type Warehouse,
  cmpQty,
  invalidRequest,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import type { PlannedMove, References } from '../../domain/inventory/index.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import { outboxRepo } from '../../store/outboxRepo.js';
import { qualityRepo } from '../../store/qualityRepo.js';
import type { TxItem } from '../../store/transact.js';
import { userRepo } from '../../store/userRepo.js';

/**
 * Receipts and quality (DOMAIN.md "Quality"): which receipts wait for inspection (the item's
 * plan, `withInspectionPlans`) and the inspection orders (检验单) a posted receipt opens, one
 * per receipt line in `inspection`, written in the receipt's own transaction with a WeCom
 * notice per warehouse to its inspectors (else the tenant's QC users) through the outbox.
 */

/** The most inspection orders one receipt opens (they ride in its completing transaction). */
export const MAX_INSPECTIONS_PER_RECEIPT = 40;

/** The references of a receipt with each item's plan: the plan decides what is inspected. */
export async function withInspectionPlans(
  deps: Deps,
  tenant: string,
  refs: References,
): Promise<References> {
  const plans = await qualityRepo(deps, tenant).getPlans(refs.items.keys());
  if (!plans.size) return refs;
  const items = new Map(refs.items);
  for (const [code, plan] of plans) {
    const facts = items.get(code);
    if (facts) items.set(code, { ...facts, inspects: plan.receipts });
  }
  return { ...refs, items };
}

/** Where a receipt's lines came from, as its inspection orders keep it. */
export type InspectionSource = {
  kind: InspectionReceiptKind;
  /** The purchase, outsourcing, task or sales order (and line) a receipt move was for. */
  sourceOf?: (move: PlannedMove) => { order: string; line?: number } | undefined;
  /** Supplier, subcontractor or customer. */
  partner?: string;
};

/** An inspection order's number: the receipt document and the move's place in it. */
export const inspectionNo = (doc: string, seq: number) => `QC-${doc}-${seq}`;

/** The inspection notice as written with the receipt (notifier.ts sends it). */
export type InspectionNotice = {
  tenant: string;
  touser: string[];
  receipt: string;
  kind: InspectionReceiptKind;
  partner?: string;
  orders: { no: string; item: string; itemName?: string; qty: string; unit?: string }[];
  warehouse: string;
  by: string;
};

/**
 * Prepares the inspection orders of a receipt about to be posted: reads the items' names and
 * the tenant's inspectors, and returns the writes (orders and notice) to put into the
 * receipt's completing transaction, and how many there are (the posting's completion room).
 * A receipt with more lines to inspect than fit is refused, naming the limit.
 */
export async function prepareInspections(
  deps: Deps,
  s: Session,
  receipt: { no: string; postedAt: string },
  moves: readonly PlannedMove[],
  source: InspectionSource,
): Promise<{ items: TxItem[]; count: number }> {
  const held = moves
    .map((m, i) => ({ m, seq: i + 1 }))
    .filter(({ m }) => m.status === 'inspection' && cmpQty(m.qty, '0') > 0);
  if (!held.length) return { items: [], count: 0 };
  if (held.length > MAX_INSPECTIONS_PER_RECEIPT) {
    throw invalidRequest(
      [
        {
          path: ['body', 'lines'],
          message: `一张入库单最多 ${MAX_INSPECTIONS_PER_RECEIPT} 行需要检验（本单 ${held.length} 行），请拆分入库`,
        },
      ],
      '需要检验的入库行太多',
    );
  }
  const warehouses = [...new Set(held.map(({ m }) => m.warehouse))];
  const [master, qcUsers] = await Promise.all([
    getMasterRecords(deps, s.tenant, { item: held.map(({ m }) => m.item), warehouse: warehouses }),
    userRepo(deps, s.tenant).listByRole('qc'),
  ]);
  const items = (master.item ?? new Map()) as Map<string, Item>;
  const repo = qualityRepo(deps, s.tenant);
  const orders: InspectionRecord[] = held.map(({ m, seq }) => {
    const item = items.get(m.item);
    const from = source.sourceOf?.(m);
    return {
      no: inspectionNo(receipt.no, seq),
      receipt: { kind: source.kind, doc: receipt.no, line: seq },
      item: m.item,
      ...(item?.name ? { itemName: item.name } : {}),
      ...(item?.unit ? { unit: item.unit } : {}),
      qty: m.qty,
      warehouse: m.warehouse,
      ...(m.lot ? { lot: m.lot } : {}),
      ...(m.trackingNo ? { trackingNo: m.trackingNo } : {}),
      ...(from ? { source: from } : {}),
      ...(source.partner ? { partner: source.partner } : {}),
      status: 'open',
      openedAt: receipt.postedAt,
      version: 1,
      results: [],
      dispositions: [],
    };
  });
  // One notice per warehouse, to its inspectors, else to every QC user of the tenant.
  const notice: TxItem[] = warehouses.flatMap((code) => {
    const wh = master.warehouse?.get(code) as Warehouse | undefined;
    const touser = wh?.inspectors?.length ? wh.inspectors : qcUsers.map((u) => u.userid);
    const here = orders.filter((o) => o.warehouse === code);
    if (!touser.length) return [];
    const payload: InspectionNotice = {
      tenant: s.tenant,
      touser,
      receipt: receipt.no,
      kind: source.kind,
      ...(source.partner ? { partner: source.partner } : {}),
      orders: here.map((o) => ({
        no: o.no,
        item: o.item,
        ...(o.itemName ? { itemName: o.itemName } : {}),
        qty: o.qty,
        ...(o.unit ? { unit: o.unit } : {}),
      })),
      warehouse: wh?.name ?? code,
      by: s.name ?? s.user,
    };
    return [
      outboxRepo(deps, s.tenant).enqueueItem(deps.newId(), receipt.postedAt, {
        kind: 'inspectionNotice',
        payload,
        summary: `待检通知：入库单 ${receipt.no}（${here.length} 行待检）`,
        recipients: touser,
        ref: { receipt: receipt.no, warehouse: code },
      }),
    ];
  });
  const writes = [...orders.map((o) => repo.createInspection(o)), ...notice];
  return { items: writes, count: writes.length };
}
