import { type MoneySnapshot, qty, fenMoney } from '@factory/shared';
import { textOrder } from '../costing/ledger.js';
import { scaledQty, shares } from '../costing/shares.js';
import type { OutsourcingOrderRecord } from './types.js';

/**
 * Settlement (委外结算, DOMAIN.md "Outsourcing"): the subcontractor's invoice for receipts,
 * possibly in a later period; the difference to the accrued fee is a cost adjustment of the
 * item in the settlement's period; a settled receipt cannot be settled again.
 */

type Doc = OutsourcingOrderRecord['documents'][number];

/** Yuan text with at most 2 decimals as fen. */
export function yuanToFen(yuan: string): number {
  return qty(yuan).times(100).toNumber();
}

/** A receipt's accrued fee in fen: its own, less what returns of its product took back. */
export function receiptAccruedFen(documents: readonly Doc[], receipt: string): number {
  const own = documents.find((d) => d.kind === 'receipt' && d.no === receipt);
  const back = documents
    .filter((d) => d.kind === 'productReturn' && d.receipt === receipt && d.fee)
    .reduce((n, d) => n + d.fee!.amount, 0);
  return (own?.fee?.amount ?? 0) - back;
}

export type SettlementFacts = {
  order: OutsourcingOrderRecord;
  receipt: string;
  invoicedFen: number;
};

/**
 * Why a receipt cannot be settled by this subcontractor (undefined: it can): it must be a
 * receipt with a fee of one of the subcontractor's orders and not yet settled.
 */
export function settlementRefusal(
  order: OutsourcingOrderRecord | undefined,
  receipt: string,
  subcontractor: string,
): string | undefined {
  const doc = order?.documents.find((d) => d.kind === 'receipt' && d.no === receipt);
  if (!order || !doc) return `${receipt} 不是委外入库单`;
  if (order.supplier !== subcontractor) {
    return `入库单 ${receipt} 属于外协厂 ${order.supplier} 的委外订单 ${order.no}`;
  }
  if (doc.settlement) return `入库单 ${receipt} 已在 ${doc.settlement} 结算，不能重复结算`;
  if (!doc.fee) return `入库单 ${receipt} 没有暂估加工费，不能结算`;
  return undefined;
}

/**
 * A settlement of a whole order (DOMAIN.md "Outsourcing specifics"): it covers every receipt of
 * the order with a fee, not settled yet and dated up to the settlement's date, in order (date,
 * then number); the invoiced amount is shared over them by their accrued fees (by quantity when
 * nothing is accrued any more), to the fen, so that the lines sum to it. A string says why
 * there is nothing to settle.
 */
export function orderSettlementLines(
  order: OutsourcingOrderRecord,
  date: string,
  invoicedFen: number,
): { receipt: string; invoicedFen: number }[] | string {
  const open = order.documents
    .filter((d) => d.kind === 'receipt' && d.fee && !d.settlement && d.date <= date)
    .sort((a, b) => textOrder(a.date, b.date) || textOrder(a.no, b.no));
  if (!open.length) return `委外订单 ${order.no} 在 ${date} 前没有未结算的入库`;
  const byFee = open.map((d) => BigInt(Math.max(0, receiptAccruedFen(order.documents, d.no))));
  const split =
    shares(BigInt(invoicedFen), byFee) ??
    shares(
      BigInt(invoicedFen),
      open.map((d) => scaledQty(d.qty ?? '0')),
    ) ??
    open.map((_, i) => (i === 0 ? BigInt(invoicedFen) : 0n));
  return open.map((d, i) => ({ receipt: d.no, invoicedFen: Number(split[i]!) }));
}

/** The line of a settlement: accrued, invoiced and the adjustment (invoiced - accrued), in fen. */
export function settlementLine(f: SettlementFacts) {
  const doc = f.order.documents.find((d) => d.kind === 'receipt' && d.no === f.receipt)!;
  const accrued = receiptAccruedFen(f.order.documents, f.receipt);
  return {
    receipt: f.receipt,
    order: f.order.no,
    item: f.order.item,
    qty: doc.qty ?? '0',
    accrued: fenMoney(accrued),
    invoiced: fenMoney(f.invoicedFen),
    adjustment: fenMoney(f.invoicedFen - accrued),
  };
}

export type SettledFacts = {
  no: string;
  date: string;
  lines: readonly { receipt: string; accrued: MoneySnapshot; invoiced: MoneySnapshot }[];
};

/**
 * A subcontractor's fees in a month: accrued by receipts dated in it (less returns of product
 * dated in it), invoiced by its settlements dated in it with the accrued fees they settled and
 * the difference, and what was accrued up to its end and not settled by then.
 */
export function feeStatement(
  orders: readonly OutsourcingOrderRecord[],
  settlements: readonly SettledFacts[],
  month: string,
) {
  const inMonth = (date: string) => date.slice(0, 7) === month;
  const byEnd = (date: string) => date.slice(0, 7) <= month;
  let accrued = 0;
  for (const o of orders) {
    for (const d of o.documents) {
      if (!d.fee || !inMonth(d.date)) continue;
      if (d.kind === 'receipt') accrued += d.fee.amount;
      else if (d.kind === 'productReturn') accrued -= d.fee.amount;
    }
  }
  let invoiced = 0;
  let settledAccrued = 0;
  const settledBy = new Map<string, string>();
  for (const st of settlements) {
    if (byEnd(st.date)) for (const l of st.lines) settledBy.set(l.receipt, st.no);
    if (!inMonth(st.date)) continue;
    for (const l of st.lines) {
      invoiced += l.invoiced.amount;
      settledAccrued += l.accrued.amount;
    }
  }
  const receipts = orders.flatMap((o) =>
    o.documents
      .filter((d) => d.kind === 'receipt' && d.fee && byEnd(d.date))
      .map((d) => {
        const settlement = settledBy.get(d.no);
        return {
          receipt: d.no,
          order: o.no,
          item: o.item,
          date: d.date,
          qty: d.qty ?? '0',
          accrued: fenMoney(receiptAccruedFen(o.documents, d.no)),
          ...(settlement ? { settlement } : {}),
        };
      }),
  );
  const openAtEnd = receipts.filter((r) => !r.settlement).reduce((n, r) => n + r.accrued.amount, 0);
  return {
    accrued: fenMoney(accrued),
    invoiced: fenMoney(invoiced),
    settledAccrued: fenMoney(settledAccrued),
    adjustment: fenMoney(invoiced - settledAccrued),
    openAtEnd: fenMoney(openAtEnd),
    receipts: receipts.sort((a, b) => (a.date + a.receipt < b.date + b.receipt ? -1 : 1)),
  };
}
