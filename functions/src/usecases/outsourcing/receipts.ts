import {
  AppError,
  type FieldIssue,
  type Item,
  type OutsourcingReceipt,
  type OutsourcingReceiptCreate,
  type Session,
  addQty,
  cmpQty,
  invalidRequest,
  negQty,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { planIssue, planReceipt, type PlannedMove } from '../../domain/inventory/index.js';
import {
  checkReceipt,
  consumption,
  openingUse,
  statusAfterReceived,
  type OutsourcingOrderRecord,
  orderProcessingPrice,
  processingFee,
} from '../../domain/outsourcing/index.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import { outsourcingOrderRepo } from '../../store/outsourcingOrderRepo.js';
import { priceListRepo } from '../../store/priceListRepo.js';
import { nextDocumentNumber } from '../../store/sequenceRepo.js';
import { insufficient, type DocumentHeader } from '../../store/stockRepo.js';
import type { CommitHooks } from '../hooks.js';
import { prepareInspections, withInspectionPlans } from '../quality/openings.js';
import { loadReferences } from '../references.js';
import { assertMayOverrun } from '../shopfloor/receipts.js';
import { itemFactsOf } from '../taskOrders/needs.js';
import { shanghaiDate } from '../time.js';
import { commitOutsourcing, posted, retryOnOrderConflict } from './commit.js';
import { loadOrder, viewWithNames } from './orders.js';
import { subcontractorWarehouses } from './sends.js';

/** The document reason of a receipt from the subcontractor (an inspection plan's kind too). */
export const OUTSOURCING_RECEIPT_REASON = 'outsourcing';

const bodyIssues = (issues: FieldIssue[]) =>
  invalidRequest(issues.map((i) => ({ ...i, path: ['body', ...i.path] })));

/**
 * The subcontractor's warehouse a receipt consumes at: where the order's materials went, else
 * the subcontractor's only warehouse (nothing was sent: its stock there decides).
 */
async function consumingAt(deps: Deps, tenant: string, order: OutsourcingOrderRecord) {
  if (order.subcontractorWarehouse) return order.subcontractorWarehouse;
  const own = (await subcontractorWarehouses(deps, tenant, order.supplier)).filter((w) => w.active);
  return own.length === 1 ? own[0]!.code : undefined;
}

/**
 * What the order still has at the subcontractor per item and tracking number: sent (needs and
 * extras, net of returns) less what its receipts and its opening received consumed; never
 * below zero.
 */
function heldFor(order: OutsourcingOrderRecord, facts: Parameters<typeof openingUse>[1]) {
  const key = (item: string, trackingNo?: string) => `${item}\u0000${trackingNo ?? ''}`;
  const by = new Map<string, string>();
  const add = (item: string, trackingNo: string | undefined, q: string) =>
    by.set(key(item, trackingNo), addQty(by.get(key(item, trackingNo)) ?? '0', q));
  for (const n of order.needs ?? []) add(n.item, n.trackingNo, n.issued);
  for (const e of order.extras) add(e.item, e.trackingNo, e.qty);
  for (const c of [...order.consumed, ...openingUse(order, facts)])
    add(c.item, c.trackingNo, negQty(c.qty));
  return (item: string, trackingNo?: string) => {
    const q = by.get(key(item, trackingNo)) ?? '0';
    return cmpQty(q, '0') < 0 ? '0' : q;
  };
}

/**
 * The order's processing price (委外价格政策): the break of the order's quantity in force on the
 * order date (an order from release or import: its start date). None is a bad request naming
 * the subcontractor and the item: a receipt is not taken without its fee.
 */
async function processingPriceOf(
  deps: Deps,
  tenant: string,
  order: OutsourcingOrderRecord,
): Promise<string> {
  const date = order.orderDate ?? order.startDate;
  const entries = await priceListRepo(deps, tenant, 'outsourcing').entriesFor([
    { supplier: order.supplier, item: order.item },
  ]);
  const price = orderProcessingPrice(entries, {
    supplier: order.supplier,
    item: order.item,
    qty: order.qty,
    date,
  });
  if (price === undefined) {
    throw invalidRequest(
      [
        {
          path: ['body', 'outsourcingOrder'],
          message: `外协厂 ${order.supplier} 的物料 ${order.item} 在 ${date} 没有有效的委外价格（数量 ${order.qty}），请先维护委外价格政策`,
        },
      ],
      '没有有效的委外价格',
    );
  }
  return price;
}

/**
 * A receipt from the subcontractor (委外入库): the product into the given warehouse, else the
 * item's default (in `inspection` when the item's plan or flag says so, opening an inspection
 * order with the subcontractor as partner), and in the same transaction the order's needs
 * consumed at the subcontractor's warehouse, cumulative like a backflush; a shortage there
 * refuses the receipt (409 stock.insufficient naming each short component), nothing written.
 * The order's received rises (MRP sees less open supply); received in full, it is completed.
 * The answer carries the received quantity as the processing fee's basis (the fee itself
 * comes with the price policy).
 */
export function receiveOutsourcing(
  deps: Deps,
  s: Session,
  req: OutsourcingReceiptCreate,
  hooks: CommitHooks<OutsourcingReceipt> = {},
): Promise<OutsourcingReceipt> {
  if (req.allowOverReceipt) assertMayOverrun(s, 'allowOverReceipt');
  return retryOnOrderConflict(async () => {
    const order = await loadOrder(deps, s.tenant, req.outsourcingOrder).catch((err: unknown) => {
      // An order that does not exist is a bad field of this request, not a missing resource.
      if (err instanceof AppError && err.code === 'resource.notFound') {
        throw invalidRequest([
          {
            path: ['body', 'outsourcingOrder'],
            message: `委外订单不存在：${req.outsourcingOrder}`,
          },
        ]);
      }
      throw err;
    });
    const after = checkReceipt(order, req);
    const unitPrice = await processingPriceOf(deps, s.tenant, order);
    const needs = order.needs ?? [];
    const items = (
      await getMasterRecords(deps, s.tenant, { item: [order.item, ...needs.map((n) => n.item)] })
    ).item as Map<string, Item>;
    const product = items.get(order.item);
    const warehouse = req.warehouse ?? product?.defaultWarehouse;
    if (!warehouse) {
      throw bodyIssues([
        { path: ['warehouse'], message: `物料 ${order.item} 没有默认仓库，请指定入库仓库` },
      ]);
    }
    const at = await consumingAt(deps, s.tenant, order);
    const consumed = consumption(order, at ?? '-', after, itemFactsOf(items));
    // Only the order's own material at the subcontractor is consumed (its warehouse may hold
    // other orders' too): each component short of it is named; the balances guard the rest.
    const held = heldFor(order, itemFactsOf(items));
    // With no warehouse of the subcontractor's to consume at, every component is short.
    const short = consumed.lines.filter(
      (l) => !at || cmpQty(l.qty, held(l.item, l.trackingNo)) > 0,
    );
    if (short.length) {
      throw insufficient(
        short.map((l) => ({
          item: l.item,
          warehouse: at ?? '',
          status: 'available',
          lot: '',
          trackingNo: l.trackingNo ?? '',
          available: at ? held(l.item, l.trackingNo) : '0',
          requested: l.qty,
        })),
      );
    }
    const refs = await withInspectionPlans(
      deps,
      s.tenant,
      await loadReferences(
        deps,
        s.tenant,
        [order.item, ...consumed.lines.map((l) => l.item)],
        [warehouse, ...(at ? [at] : [])],
      ),
    );
    const received = planReceipt(
      {
        date: req.date,
        reason: OUTSOURCING_RECEIPT_REASON,
        lines: [
          {
            item: order.item,
            warehouse,
            qty: req.qty,
            ...(req.lot ? { lot: req.lot } : {}),
            // MTO product of a tracked order: stock of that order; MTS product: the pool.
            ...(order.trackingNo && product?.strategy === 'mto'
              ? { trackingNo: order.trackingNo }
              : {}),
          },
        ],
      },
      refs,
    );
    if (!received.ok) throw bodyIssues(received.issues);
    const moves: PlannedMove[] = [...received.value];
    if (consumed.lines.length) {
      const used = planIssue(
        {
          date: req.date,
          reason: OUTSOURCING_RECEIPT_REASON,
          lines: consumed.lines.map((l) => ({ ...l })),
        },
        refs,
      );
      if (!used.ok) {
        throw invalidRequest(
          used.issues.map((i) => ({ ...i, path: ['body', 'outsourcingOrder'] })),
          `外协厂耗用失败：${used.issues.map((i) => i.message).join('；')}`,
        );
      }
      moves.push(...used.value.map((m, i) => ({ ...m, lineNo: i + 2 })));
    }
    const now = deps.clock.now();
    const header: DocumentHeader = {
      no: await nextDocumentNumber(deps, s.tenant, 'RC', shanghaiDate(now)),
      kind: 'receipt',
      date: req.date,
      reason: OUTSOURCING_RECEIPT_REASON,
      ref: order.no,
      partner: order.supplier,
      ...(req.note ? { note: req.note } : {}),
      postedAt: now.toISOString(),
      postedBy: s.user,
    };
    const opened = await prepareInspections(deps, s, header, moves, {
      kind: 'outsourcing',
      partner: order.supplier,
      sourceOf: () => ({ order: order.no, line: 1 }),
    });
    const fee = processingFee(req.qty, unitPrice);
    const next: OutsourcingOrderRecord = {
      ...order,
      received: after,
      status: statusAfterReceived(order, after),
      consumed: consumed.consumed,
      openingReceived: order.openingReceived ?? order.received,
      ...(at ? { subcontractorWarehouse: at } : {}),
      documents: [
        ...order.documents,
        { no: header.no, kind: 'receipt', date: req.date, qty: req.qty, unitPrice, fee },
      ],
      version: order.version + 1,
      updatedAt: header.postedAt,
      updatedBy: s.user,
    };
    const doc = { header, moves };
    const answer: OutsourcingReceipt = {
      document: posted(doc),
      consumed: consumed.lines,
      fee: { qty: req.qty, unitPrice, amount: fee },
      outsourcingOrder: await viewWithNames(deps, s.tenant, next),
    };
    await commitOutsourcing(
      deps,
      s,
      doc,
      [
        outsourcingOrderRepo(deps, s.tenant).put(next),
        ...opened.items,
        ...(hooks.onComplete?.(answer) ?? []),
      ],
      refs,
    );
    return answer;
  });
}
