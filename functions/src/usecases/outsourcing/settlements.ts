import {
  type FieldIssue,
  type OutsourcingSettlement,
  type OutsourcingSettlementCreate,
  type OutsourcingSettlementListQuery,
  type OutsourcingStatement,
  type OutsourcingStatementQuery,
  type Page,
  type Partner,
  type Session,
  invalidRequest,
  notFound,
  fenMoney,
  moneyToDecimalString,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import type { PlannedMove } from '../../domain/inventory/index.js';
import {
  feeStatement,
  orderSettlementLines,
  settlementLine,
  settlementRefusal,
  yuanToFen,
  type OutsourcingOrderRecord,
} from '../../domain/outsourcing/index.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import {
  listOutsourcingOrderPage,
  outsourcingOrderRepo,
} from '../../store/outsourcingOrderRepo.js';
import { outsourcingSettlementRepo } from '../../store/outsourcingSettlementRepo.js';
import { nextDocumentNumber } from '../../store/sequenceRepo.js';
import { stockRepo, type DocumentHeader } from '../../store/stockRepo.js';
import type { TxItem } from '../../store/transact.js';
import { completing, type CommitHooks } from '../hooks.js';
import { shanghaiDate } from '../time.js';
import { commitOutsourcing, retryOnOrderConflict } from './commit.js';

/** The stock document reason of a value-only receipt (成本调整). */
export const COST_ADJUSTMENT_REASON = 'costAdjustment';

/**
 * Settles a subcontractor's invoice (委外结算) for receipts of its orders, in the period of its
 * date: each receipt's accrued fee (less returns of its product) against the amount invoiced;
 * the differences become one value-only receipt (成本调整, qty 0) per item and warehouse in
 * that period, which enters its weighted average (DOMAIN.md costing rule 2). The receipts are
 * marked settled on their orders (a settled receipt cannot be settled again). The settlement,
 * the orders (each guarded by its revision), the adjustment and the idempotency record are one
 * transaction; every refused line is named, nothing written.
 */
/**
 * An invoice per order: each order's receipts not settled yet (up to the invoice's date) with
 * the amount invoiced shared over them; every order that cannot be settled is named.
 */
async function receiptsOfOrders(
  deps: Deps,
  tenant: string,
  input: OutsourcingSettlementCreate,
  issues: FieldIssue[],
): Promise<{ receipt: string; invoicedFen: number }[]> {
  if (!input.orders) return [];
  const repo = outsourcingOrderRepo(deps, tenant);
  const found = await Promise.all(input.orders.map((o) => repo.get(o.order)));
  return input.orders.flatMap((o, i) => {
    const order = found[i];
    const fail = (message: string) => {
      issues.push({ path: ['body', 'orders', i, 'order'], message });
      return [];
    };
    if (!order) return fail(`委外订单不存在：${o.order}`);
    if (order.supplier !== input.subcontractor) {
      return fail(`委外订单 ${o.order} 属于外协厂 ${order.supplier}`);
    }
    const lines = orderSettlementLines(order, input.date, yuanToFen(o.amount));
    return typeof lines === 'string' ? fail(lines) : lines;
  });
}

export function settleOutsourcing(
  deps: Deps,
  s: Session,
  input: OutsourcingSettlementCreate,
  hooks: CommitHooks<OutsourcingSettlement> = {},
): Promise<OutsourcingSettlement> {
  return retryOnOrderConflict(async () => {
    const issues: FieldIssue[] = [];
    const found = await getMasterRecords(deps, s.tenant, { partner: [input.subcontractor] });
    const partner = found.partner?.get(input.subcontractor) as Partner | undefined;
    if (!partner || !partner.roles.includes('subcontractor')) {
      issues.push({
        path: ['body', 'subcontractor'],
        message: `${input.subcontractor} 不是外协厂`,
      });
    }
    const stock = stockRepo(deps, s.tenant);
    const orders = outsourcingOrderRepo(deps, s.tenant);
    const byOrder = await receiptsOfOrders(deps, s.tenant, input, issues);
    const requested =
      input.lines ??
      byOrder.map((l) => ({ ...l, amount: moneyToDecimalString(fenMoney(l.invoicedFen)) }));
    const docs = await Promise.all(requested.map((l) => stock.getDocument(l.receipt)));
    const orderNos = [...new Set(docs.flatMap((d) => (d?.ref ? [d.ref] : [])))];
    const byNo = new Map<string, OutsourcingOrderRecord>();
    for (const o of await Promise.all(orderNos.map((no) => orders.get(no)))) {
      if (o) byNo.set(o.no, o);
    }
    const lines = requested.flatMap((l, i) => {
      const doc = docs[i];
      const order = doc?.ref ? byNo.get(doc.ref) : undefined;
      const why = settlementRefusal(order, l.receipt, input.subcontractor);
      if (why) {
        issues.push({ path: ['body', 'lines', i, 'receipt'], message: why });
        return [];
      }
      const line = settlementLine({
        order: order!,
        receipt: l.receipt,
        invoicedFen: yuanToFen(l.amount),
      });
      // The product's warehouse: where the adjustment's value goes.
      const product = doc!.moves.find((m) => m.lineNo === 1 && Number(m.qty) > 0);
      return [{ ...line, warehouse: product?.warehouse ?? doc!.moves[0]!.warehouse }];
    });
    if (issues.length) throw invalidRequest(issues);

    const now = deps.clock.now();
    const at = now.toISOString();
    const no = await nextDocumentNumber(deps, s.tenant, 'OSS', shanghaiDate(now));
    const adjustments = new Map<string, { item: string; warehouse: string; fen: number }>();
    for (const l of lines) {
      const k = `${l.item}#${l.warehouse}`;
      const a = adjustments.get(k) ?? { item: l.item, warehouse: l.warehouse, fen: 0 };
      a.fen += l.adjustment.amount;
      adjustments.set(k, a);
    }
    const moves: PlannedMove[] = [...adjustments.values()]
      .filter((a) => a.fen !== 0)
      .map((a, i) => ({
        item: a.item,
        warehouse: a.warehouse,
        status: 'available',
        lot: '',
        trackingNo: '',
        lineNo: i + 1,
        qty: '0',
        value: fenMoney(a.fen),
      }));
    const adjustment: { header: DocumentHeader; moves: PlannedMove[] } | undefined = moves.length
      ? {
          header: {
            no: await nextDocumentNumber(deps, s.tenant, 'CA', shanghaiDate(now)),
            kind: 'receipt',
            date: input.date,
            reason: COST_ADJUSTMENT_REASON,
            ref: no,
            partner: input.subcontractor,
            note: `委外结算 ${no}（发票 ${input.invoiceNo}）与暂估的差额`,
            postedAt: at,
            postedBy: s.user,
          },
          moves,
        }
      : undefined;
    const sum = (pick: (l: (typeof lines)[number]) => number) =>
      fenMoney(lines.reduce((n, l) => n + pick(l), 0));
    const settlement: OutsourcingSettlement = {
      no,
      subcontractor: input.subcontractor,
      ...(partner ? { subcontractorName: partner.name } : {}),
      invoiceNo: input.invoiceNo,
      date: input.date,
      period: input.date.slice(0, 7),
      lines: lines.map(({ warehouse: _w, ...l }) => l),
      accrued: sum((l) => l.accrued.amount),
      invoiced: sum((l) => l.invoiced.amount),
      adjustment: sum((l) => l.adjustment.amount),
      ...(adjustment ? { adjustmentDocument: adjustment.header.no } : {}),
      ...(input.note ? { note: input.note } : {}),
      createdAt: at,
      createdBy: s.user,
    };
    const settled = new Set(lines.map((l) => l.receipt));
    const orderWrites: TxItem[] = [...new Set(lines.map((l) => l.order))].map((orderNo) => {
      const o = byNo.get(orderNo)!;
      return orders.put({
        ...o,
        documents: o.documents.map((d) =>
          d.kind === 'receipt' && settled.has(d.no) ? { ...d, settlement: no } : d,
        ),
        version: o.version + 1,
        updatedAt: at,
        updatedBy: s.user,
      });
    });
    const writes = completing(hooks, settlement, [
      outsourcingSettlementRepo(deps, s.tenant).create(settlement),
      ...orderWrites,
    ]);
    if (adjustment) await commitOutsourcing(deps, s, adjustment, writes);
    else await deps.unitOfWork.commit(writes);
    return settlement;
  });
}

export async function getOutsourcingSettlement(
  deps: Deps,
  s: Session,
  no: string,
): Promise<OutsourcingSettlement> {
  const st = await outsourcingSettlementRepo(deps, s.tenant).get(no);
  if (!st) throw notFound('outsourcingSettlement', no);
  return st;
}

export function listOutsourcingSettlements(
  deps: Deps,
  s: Session,
  q: OutsourcingSettlementListQuery,
): Promise<Page<OutsourcingSettlement>> {
  return outsourcingSettlementRepo(deps, s.tenant).list(q);
}

/** A subcontractor's fees in a month: accrued, settled (with the differences), open at its end. */
export async function outsourcingStatement(
  deps: Deps,
  s: Session,
  q: OutsourcingStatementQuery,
): Promise<OutsourcingStatement> {
  const orders: OutsourcingOrderRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await listOutsourcingOrderPage(deps, s.tenant, {
      subcontractor: q.subcontractor,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    orders.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const [settlements, found] = await Promise.all([
    outsourcingSettlementRepo(deps, s.tenant).ofSubcontractor(q.subcontractor),
    getMasterRecords(deps, s.tenant, { partner: [q.subcontractor] }),
  ]);
  const partner = found.partner?.get(q.subcontractor) as Partner | undefined;
  return {
    subcontractor: q.subcontractor,
    ...(partner ? { subcontractorName: partner.name } : {}),
    month: q.month,
    ...feeStatement(orders, settlements, q.month),
  };
}
