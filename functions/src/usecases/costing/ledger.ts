import { type Item, qty } from '@factory/shared';
import type { Deps } from '../../deps.js';
import {
  type CostItem,
  type CostMove,
  type CostOrder,
  type CostPeriod,
  costMovesOf,
  inLedgerOrder,
  inPeriod,
} from '../../domain/costing/index.js';
import { batchGetKeys } from '../../store/batchGet.js';
import { bomRepo } from '../../store/bomRepo.js';
import { keys } from '../../store/keys.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import { outsourcingOrderRecord } from '../../store/outsourcingOrderRepo.js';
import { stockRepo } from '../../store/stockRepo.js';
import { taskOrderRecord } from '../../store/taskOrderRepo.js';
import { workReportRecord } from '../../store/workReportRepo.js';
import { shanghaiDate } from '../time.js';

/** A document is posted on or after its date; this much earlier covers one dated ahead. */
const EARLY_POSTING_DAYS = 31;

/** Work report partitions read at once. */
const REPORT_READS_AT_ONCE = 25;

/**
 * A period's ledger as costing reads it: the moves of own stock dated in it (from the posted
 * documents, in ledger order), the orders they name with what rule 5 needs (received before
 * the period, when closed, the period's labour hours and processing fee), and the items with
 * their low-level codes.
 */
export async function loadPeriodLedger(
  deps: Deps,
  tenant: string,
  period: CostPeriod,
  /** Orders to cost besides those the moves name: with opening WIP, or a WIP count. */
  alsoOrders: readonly string[] = [],
): Promise<{ moves: CostMove[]; orders: CostOrder[]; items: CostItem[] }> {
  const since = new Date(
    Date.parse(`${period.from}T00:00:00+08:00`) - EARLY_POSTING_DAYS * 86_400_000,
  );
  const repo = stockRepo(deps, tenant);
  const posted = (
    await Promise.all(
      (['receipt', 'issue', 'transfer', 'adjustment'] as const).map((kind) =>
        repo.documentsPostedSince(kind, since.toISOString()),
      ),
    )
  ).flat();
  const docs = posted.filter((d) => inPeriod(period, d.date));
  const moves = inLedgerOrder(docs.flatMap((d) => costMovesOf(d)));
  // An order's received quantity today includes receipts dated after the period (costing a
  // month once the next has begun): those are not "received before" it.
  const later = posted.filter((d) => d.date > period.to).flatMap((d) => costMovesOf(d));

  const named = [...new Set([...moves.flatMap((m) => (m.order ? [m.order] : [])), ...alsoOrders])];
  const [tasks, outsourced] = await Promise.all([
    batchGetKeys(
      deps,
      named.map((no) => taskOrderRecord.key(tenant, no)),
    ),
    batchGetKeys(
      deps,
      named.map((no) => outsourcingOrderRecord.key(tenant, no)),
    ),
  ]);
  const receivedIn = new Map<string, ReturnType<typeof qty>>();
  for (const m of [...moves, ...later]) {
    if (m.kind === 'output' && m.order) {
      receivedIn.set(m.order, (receivedIn.get(m.order) ?? qty(0)).plus(qty(m.qty)));
    }
  }
  /** Received before the period: today's received less what is dated in it or after. */
  const before = (received: string, no: string) => {
    const b = qty(received).minus(receivedIn.get(no) ?? qty(0));
    return (b.isNegative() ? qty(0) : b).toFixed();
  };
  const closedOn = (at: string | undefined) =>
    at === undefined ? {} : { closedOn: shanghaiDate(new Date(at)) };
  const orders: CostOrder[] = [];
  // Each order's work reports are one partition: read a few at a time.
  const taskOrders = tasks.map((raw) => taskOrderRecord.read(raw));
  const hoursOf = new Map<string, string>();
  for (let i = 0; i < taskOrders.length; i += REPORT_READS_AT_ONCE) {
    await Promise.all(
      taskOrders.slice(i, i + REPORT_READS_AT_ONCE).map(async (o) => {
        const reports = await workReportRecord.queryPartition(deps, {
          attr: 'pk',
          value: keys.workReportPartition(tenant, o.no),
        });
        const hours = reports
          .filter((r) => inPeriod(period, r.date))
          .reduce((a, r) => a.plus(qty(r.hours)), qty(0));
        hoursOf.set(o.no, hours.toFixed());
      }),
    );
  }
  // A rework order's product goes to it and comes back without value (rule 6).
  const reworkOf = new Map(
    taskOrders.filter((o) => o.kind === 'rework').map((o) => [o.no, o.item] as const),
  );
  for (const [i, m] of moves.entries()) {
    if (m.order && reworkOf.get(m.order) === m.item) {
      const { order: _o, ...rest } = m;
      moves[i] = { ...rest, kind: 'transfer' };
    }
  }
  for (const o of taskOrders) {
    orders.push({
      no: o.no,
      kind: 'task',
      item: o.item,
      qty: o.qty,
      date: o.createdAt ? shanghaiDate(new Date(o.createdAt)) : o.startDate,
      receivedBefore: before(o.received, o.no),
      ...closedOn(o.status === 'closed' ? o.closedAt : undefined),
      hours: hoursOf.get(o.no) ?? '0',
      ...(o.kind === 'rework' ? { rework: true } : {}),
    });
  }
  for (const raw of outsourced) {
    const o = outsourcingOrderRecord.read(raw);
    const fee = o.documents
      .filter((d) => d.fee && inPeriod(period, d.date))
      .reduce((a, d) => {
        const f = qty(d.fee!.amount).div(qty(10).pow(d.fee!.scale));
        return d.kind === 'productReturn' ? a.minus(f) : a.plus(f);
      }, qty(0));
    orders.push({
      no: o.no,
      kind: 'outsourcing',
      item: o.item,
      qty: o.qty,
      date: o.orderDate ?? o.startDate,
      receivedBefore: before(o.received, o.no),
      ...closedOn(o.status === 'closed' ? o.closedAt : undefined),
      fee: fee.toFixed(2),
    });
  }

  const codes = [...new Set([...moves.map((m) => m.item), ...orders.map((o) => o.item)])];
  const [llc, master] = await Promise.all([
    bomRepo(deps, tenant).getLowLevelCodesOf(codes),
    getMasterRecords(deps, tenant, { item: codes }),
  ]);
  const found = master.item as Map<string, Item>;
  const items = codes.map((code) => ({
    code,
    llc: llc.get(code) ?? 0,
    ...(found.get(code)?.costCoefficient
      ? { costCoefficient: found.get(code)!.costCoefficient! }
      : {}),
  }));
  return { moves, orders, items };
}
